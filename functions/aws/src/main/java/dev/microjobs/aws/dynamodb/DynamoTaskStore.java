package dev.microjobs.aws.dynamodb;

import dev.microjobs.core.domain.Task;
import dev.microjobs.core.ports.TaskStore;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementError;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementErrorCodeEnum;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Conditional task transitions on the task items described in {@link TaskItems}. */
@Singleton
public class DynamoTaskStore implements TaskStore {
    /** The most statements one BatchExecuteStatement may carry. */
    private static final int MAX_BATCH_STATEMENTS = 25;
    /** Attempts of a statement that failed for a passing reason, before its transition is reported unwritten. */
    private static final int MAX_STATEMENT_ATTEMPTS = 4;
    /** Statement errors that may pass: trying again can succeed. The others (validation, access) will not. */
    private static final Set<BatchStatementErrorCodeEnum> PASSING = Set.of(
            BatchStatementErrorCodeEnum.THROTTLING_ERROR,
            BatchStatementErrorCodeEnum.PROVISIONED_THROUGHPUT_EXCEEDED,
            BatchStatementErrorCodeEnum.REQUEST_LIMIT_EXCEEDED,
            BatchStatementErrorCodeEnum.INTERNAL_SERVER_ERROR,
            BatchStatementErrorCodeEnum.TRANSACTION_CONFLICT);

    private final DynamoDbClient dynamo;
    private final String table;
    private final TaskItems taskItems;

    public DynamoTaskStore(DynamoDbClient dynamo, TableConfiguration table, TaskItems taskItems) {
        this.dynamo = dynamo;
        this.table = table.getName();
        this.taskItems = taskItems;
    }

    @Override
    public boolean transition(Task before, Task after) {
        return ConditionalUpdates.apply(dynamo, taskItems.transition(table, before, after));
    }

    /**
     * PartiQL, because its batch takes a condition per item where BatchWriteItem takes none: one
     * BatchExecuteStatement of conditional UPDATEs ({@link TaskItems#transitionStatement}) moves
     * up to 25 tasks, where UpdateItem took a request each, and costs the same write units. Each
     * statement answers on its own, in the order sent: no error is a transition applied, a failed
     * condition a task that moved on. A statement that failed for a passing reason (throttled, an
     * internal error) is sent again, with backoff; one still failing after that, or whose whole
     * request failed, is reported unwritten, so the caller can have it tried again later.
     */
    @Override
    public Transitions transitionAll(List<Transition> transitions) {
        Set<String> tasks = new HashSet<>();
        for (Transition transition : transitions) {
            // A batch that names an item twice is refused as a whole.
            if (!tasks.add(transition.taskId())) {
                throw new IllegalArgumentException("task " + transition.taskId() + " is in the batch twice");
            }
        }
        Set<String> applied = new HashSet<>();
        Map<String, String> unwritten = new HashMap<>();
        for (int from = 0; from < transitions.size(); from += MAX_BATCH_STATEMENTS) {
            List<Transition> pending = transitions.subList(from, Math.min(transitions.size(), from + MAX_BATCH_STATEMENTS));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > 1) {
                    Backoff.sleep(attempt);
                }
                pending = execute(pending, attempt, applied, unwritten);
            }
        }
        return new Transitions(applied, unwritten);
    }

    /**
     * Sends one batch of at most 25 transitions, notes what became of each, and returns those to
     * send again: the ones that failed for a passing reason, unless this was the last attempt.
     *
     * <p>A statement sent again may have applied the first time (an internal error is no proof
     * that nothing was written); its condition then fails on our own write. So a statement sent
     * again asks for the item on a failed condition, and counts as applied when that item is
     * its {@code after} (same version, written at the same instant).
     */
    private List<Transition> execute(List<Transition> batch, int attempt, Set<String> applied,
                                     Map<String, String> unwritten) {
        List<BatchStatementRequest> statements = batch.stream()
                .map(transition -> taskItems.transitionStatement(table, transition.before(), transition.after()))
                .map(statement -> attempt == 1 ? statement : statement.toBuilder()
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build())
                .toList();
        List<BatchStatementResponse> responses;
        try {
            responses = dynamo.batchExecuteStatement(b -> b.statements(statements)).responses();
        } catch (SdkException failed) {
            // Already retried by the SDK; the statements may or may not have applied, so none is reported applied.
            batch.forEach(transition -> unwritten.put(transition.taskId(), "BatchExecuteStatement failed: " + failed.getMessage()));
            return List.of();
        }
        List<Transition> again = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Transition transition = batch.get(i);
            BatchStatementError error = responses.get(i).error();
            if (error == null || isOwnWrite(error, transition.after())) {
                applied.add(transition.taskId());
            } else if (PASSING.contains(error.code()) && attempt < MAX_STATEMENT_ATTEMPTS) {
                again.add(transition);
            } else if (error.code() != BatchStatementErrorCodeEnum.CONDITIONAL_CHECK_FAILED) {
                unwritten.put(transition.taskId(), error.codeAsString() + ": " + error.message());
            }
            // A failed condition: the task moved on, and stays as it is.
        }
        return again;
    }

    private static boolean isOwnWrite(BatchStatementError error, Task after) {
        if (error.code() != BatchStatementErrorCodeEnum.CONDITIONAL_CHECK_FAILED || !error.hasItem()) {
            return false;
        }
        Item stored = Item.of(error.item());
        return stored.number("version") == after.version()
                && stored.string("updatedAt").equals(after.updatedAt().toString());
    }

    @Override
    public List<Task> findAll(List<String> taskIds) {
        List<Map<String, AttributeValue>> keys = taskIds.stream()
                .map(TaskItems::key).toList();
        return Batches.getAllConsistently(dynamo, table, keys).stream().map(Item::of).map(taskItems::fromItem).toList();
    }
}
