package dev.microjobs.aws.dynamodb;

import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.domain.Claim;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.review.ClaimCandidate;
import dev.microjobs.core.review.ClaimOutcome;
import dev.microjobs.core.review.ClaimRecord;
import dev.microjobs.core.review.ClaimResult;
import dev.microjobs.core.review.ReviewStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The review queue on the single table. Besides the task items and their {@code gsi2} queues
 * (see {@link TaskItems}) it keeps:
 * <ul>
 *   <li>claims, {@code CLAIM#<claimId>}/{@code CLAIM}: the task and worker of a claim id, kept
 *       after the claim ends (expiring after {@link #CLAIM_KEPT}), and listed per worker on
 *       {@code gsi1} ({@code WORKER#<workerId>#CLAIMS}, {@code <claimedAt>#<claimId>}). Put before
 *       the claim's write to the task, so a record only says which task a claim id was for; whether
 *       the claim holds it, the task says (CLAIMED under that claim id);
 *   <li>marks, {@code WORKED#<jobId>#<inputIndex>}/{@code WORKER#<workerId>}: the worker holds or
 *       handed in a task of this input, so no sibling task of it is ever theirs too. Put with
 *       {@code attribute_not_exists} before the claim's write to the task, deleted in the
 *       transaction that ends a lease without a submission.
 * </ul>
 */
@Singleton
public class DynamoReviewStore implements ReviewStore {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoReviewStore.class);
    static final String CLAIM_PREFIX = "CLAIM#";
    static final String CLAIM_SK = "CLAIM";
    static final String MARK_PREFIX = "WORKED#";
    static final String MARK_SK_PREFIX = "WORKER#";
    static final Duration CLAIM_KEPT = Duration.ofDays(30);
    private static final int PAGE_SIZE = 50;
    private static final int MAX_CONFLICT_RETRIES = 4;

    private final DynamoDbClient dynamo;
    private final String table;
    private final TaskItems taskItems;
    private final DynamoAccountStore accounts;
    private final DynamoJobStore jobs;
    private final DynamoTaskStore tasks;

    public DynamoReviewStore(DynamoDbClient dynamo, TableConfiguration table, TaskItems taskItems,
                             DynamoAccountStore accounts, DynamoJobStore jobs, DynamoTaskStore tasks) {
        this.dynamo = dynamo;
        this.table = table.getName();
        this.taskItems = taskItems;
        this.accounts = accounts;
        this.jobs = jobs;
        this.tasks = tasks;
    }

    static String claimsOfWorker(String workerId) {
        return TaskItems.WORKER_PREFIX + workerId + "#CLAIMS";
    }

    @Override
    public Optional<Worker> findWorker(String workerId) {
        return accounts.findWorker(workerId);
    }

    @Override
    public Optional<Job> findJob(String jobId) {
        return jobs.findJob(jobId);
    }

    @Override
    public Optional<Task> findTask(String taskId) {
        return jobs.findTask(taskId);
    }

    @Override
    public List<Task> findTasks(List<String> taskIds) {
        return tasks.findAll(taskIds);
    }

    @Override
    public Iterable<ClaimCandidate> readyTasks(Optional<String> withSkill) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":queue", Item.s(TaskItems.READY_QUEUE)));
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .indexName("gsi2")
                .keyConditionExpression("gsi2pk = :queue")
                .limit(PAGE_SIZE);
        withSkill.ifPresent(skill -> {
            values.put(":skill", Item.s(skill));
            query.filterExpression("contains(skills, :skill)");
        });
        query.expressionAttributeValues(values);
        return candidates(query.build());
    }

    @Override
    public Iterable<ClaimCandidate> expiredLeases(Instant now) {
        return candidates(QueryRequest.builder()
                .tableName(table)
                .indexName("gsi2")
                .keyConditionExpression("gsi2pk = :leases AND gsi2sk < :now")
                .expressionAttributeValues(Map.of(
                        ":leases", Item.s(TaskItems.LEASES),
                        ":now", Item.s(TaskItems.sortableInstant(now))))
                .limit(PAGE_SIZE)
                .build());
    }

    @Override
    public List<Set<String>> readySkillSets() {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName("gsi2")
                .keyConditionExpression("gsi2pk = :queue")
                .expressionAttributeValues(Map.of(":queue", Item.s(TaskItems.READY_QUEUE)))
                .projectionExpression("skills")
                .build();
        List<Set<String>> sets = new ArrayList<>();
        dynamo.queryPaginator(query).items().forEach(item -> sets.add(Item.of(item).stringSet("skills")));
        return sets;
    }

    /**
     * Claims without a transaction, in an order that keeps the sibling rule whatever fails between
     * the writes: first the worker's mark on the input (if it has siblings), then the claim record,
     * then the task (conditional on the state and version read), and last the previous holder's
     * mark goes. In a transaction each write, and each move of the task in the indexes, is billed
     * twice over.
     *
     * <p>The task's write decides the claim, so it is the last write that may fail one: a failure
     * after it would leave the task held for a whole lease under a claim nobody was told, and an
     * expired lease taken over the same way could lose it again. So the claim record is put before
     * the task is touched, and a claim whose record cannot be written fails with the task still
     * free; a task write whose outcome is unknown (timed out after reaching the service) is settled
     * by reading the task back; and the previous holder's mark is removed on a best-effort basis.
     *
     * <p>A claim that fails or loses the race takes its mark and record back on a best-effort
     * basis too, and a crash leaves them until they expire. Neither does harm: a mark only keeps
     * its worker off the input's siblings, and a record whose claim never held the task is read
     * like one whose lease ended, since every reader checks that the task is held under the
     * record's claim id.
     */
    @Override
    public ClaimResult claim(Task before, Task after, Optional<Instant> markUntil) {
        Claim claim = after.claim();
        String previousHolder = before.state() == TaskState.CLAIMED ? before.claim().workerId() : null;
        // Re-claiming one's own expired lease keeps the mark as it is.
        boolean newMark = markUntil.isPresent() && !claim.workerId().equals(previousHolder);
        if (newMark && !putMark(after, claim.workerId(), markUntil.get())) {
            return ClaimResult.of(ClaimOutcome.SIBLING_WORKED);
        }
        try {
            putClaimRecord(after);
        } catch (SdkException recordFailure) {
            // A timeout may hide a record that was written, so it is taken back as well.
            takeBack(after, newMark);
            throw recordFailure;
        }
        try {
            // A lost race answers with the task as the winner left it, so the loser needs no read to move on.
            dynamo.updateItem(ConditionalUpdates.request(taskItems.transition(table, before, after))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
        } catch (ConditionalCheckFailedException e) {
            takeBack(after, newMark);
            return e.hasItem() && !e.item().isEmpty()
                    ? ClaimResult.taskChangedTo(taskItems.fromItem(Item.of(e.item())))
                    : ClaimResult.of(ClaimOutcome.TASK_CHANGED);
        } catch (SdkException unknown) {
            if (!isHeldUnder(after.id(), claim.claimId(), unknown)) {
                takeBack(after, newMark);
                throw unknown;
            }
        }
        if (newMark && previousHolder != null) {
            forgetPreviousHolder(before, previousHolder);
        }
        return ClaimResult.of(ClaimOutcome.CLAIMED);
    }

    private void putClaimRecord(Task claimed) {
        Claim claim = claimed.claim();
        dynamo.putItem(p -> p.tableName(table)
                .item(Item.withKey(CLAIM_PREFIX + claim.claimId(), CLAIM_SK)
                        .put("type", "CLAIM")
                        .put("taskId", claimed.id())
                        .put("workerId", claim.workerId())
                        .put("claimedAt", claim.claimedAt())
                        .put(Item.GSI1PK, claimsOfWorker(claim.workerId()))
                        .put(Item.GSI1SK, TaskItems.sortableInstant(claim.claimedAt()) + "#" + claim.claimId())
                        .put(Item.TTL, claim.claimedAt().plus(CLAIM_KEPT).getEpochSecond())
                        .attributes()));
    }

    /**
     * Undoes what a claim that did not get the task wrote: its new mark, or the worker could never
     * get a sibling of this input, and its record, or the worker's claims would list one that never
     * held the task. A failure here must not turn the claim's own answer (a lost race, or the
     * failure that stopped it) into another, so each is only logged: what stays is harmless.
     */
    private void takeBack(Task notClaimed, boolean newMark) {
        Claim claim = notClaimed.claim();
        if (newMark) {
            try {
                deleteMark(notClaimed, claim.workerId());
            } catch (SdkException e) {
                LOG.warn("the mark of {} on task {}'s input stays after a claim that did not get it: {}",
                        claim.workerId(), notClaimed.id(), e.toString());
            }
        }
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(Item.key(CLAIM_PREFIX + claim.claimId(), CLAIM_SK)));
        } catch (SdkException e) {
            LOG.warn("the record of claim {}, which never held task {}, stays: {}", claim.claimId(), notClaimed.id(),
                    e.toString());
        }
    }

    /** @return false when the worker already holds or handed in a task of this input */
    private boolean putMark(Task task, String workerId, Instant markUntil) {
        try {
            dynamo.putItem(p -> p.tableName(table)
                    .item(Item.withKey(markPartition(task), MARK_SK_PREFIX + workerId)
                            .put("type", "WORKED")
                            .put("taskId", task.id())
                            .put(Item.TTL, markUntil.getEpochSecond())
                            .attributes())
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException worked) {
            return false;
        }
    }

    private void deleteMark(Task task, String workerId) {
        dynamo.deleteItem(d -> d.tableName(table).key(markKey(task, workerId)));
    }

    /**
     * Whether the task's write, which failed without saying whether it happened, did: the task as
     * stored is held under this claim. A read that fails too leaves it unknown: the write's failure
     * is thrown, and the claim's mark and record stay, since the task may be held under them.
     */
    private boolean isHeldUnder(String taskId, String claimId, SdkException writeFailure) {
        Optional<Task> stored;
        try {
            stored = jobs.findTask(taskId);
        } catch (SdkException readFailure) {
            writeFailure.addSuppressed(readFailure);
            throw writeFailure;
        }
        return stored.filter(task -> task.state() == TaskState.CLAIMED && task.claim().claimId().equals(claimId))
                .isPresent();
    }

    /**
     * Removes the mark of the worker whose expired lease this claim took over. Left behind, it
     * only keeps that worker off the input (as after a crash), which costs far less than failing a
     * claim whose task is already written.
     */
    private void forgetPreviousHolder(Task before, String previousHolder) {
        try {
            deleteMark(before, previousHolder);
        } catch (SdkException e) {
            LOG.warn("the mark of {}, whose lease on task {} ran out, stays: {}", previousHolder, before.id(), e.toString());
        }
    }

    @Override
    public boolean update(Task before, Task after) {
        return tasks.transition(before, after);
    }

    @Override
    public boolean endLease(Task before, Task after) {
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().update(taskItems.transition(table, before, after)).build(),
                deleteMarkInTransaction(before, before.claim().workerId()));
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(writes));
                return true;
            } catch (TransactionCanceledException e) {
                if (Transactions.failedCondition(e, 0)) {
                    return false;
                }
                if (Transactions.conflicted(e) && attempt < MAX_CONFLICT_RETRIES) {
                    Backoff.sleep(attempt);
                    continue;
                }
                throw e;
            }
        }
    }

    @Override
    public Optional<ClaimRecord> findClaim(String claimId) {
        var response = dynamo.getItem(g -> g.tableName(table).key(Item.key(CLAIM_PREFIX + claimId, CLAIM_SK)));
        return response.hasItem() ? Optional.of(claimRecord(Item.of(response.item()))) : Optional.empty();
    }

    @Override
    public List<ClaimRecord> claimsSince(String workerId, Instant since) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName("gsi1")
                .keyConditionExpression("gsi1pk = :claims AND gsi1sk >= :since")
                .expressionAttributeValues(Map.of(
                        ":claims", Item.s(claimsOfWorker(workerId)),
                        ":since", Item.s(TaskItems.sortableInstant(since))))
                .build();
        // The index projects taskId and claimedAt, so the claims need no read of their own.
        List<ClaimRecord> records = new ArrayList<>();
        dynamo.queryPaginator(query).items().forEach(attributes -> {
            Item item = Item.of(attributes);
            records.add(new ClaimRecord(item.string(Item.PK).substring(CLAIM_PREFIX.length()), item.string("taskId"),
                    workerId, item.instant("claimedAt")));
        });
        return records;
    }

    @Override
    public List<Task> handedIn(String workerId) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName("gsi2")
                .keyConditionExpression("gsi2pk = :worker")
                .expressionAttributeValues(Map.of(":worker", Item.s(TaskItems.workerPartition(workerId))))
                .build();
        // The index names the tasks; read by key, they are as they are now, not as the index last saw them.
        return Batches.queryItems(dynamo, table, query).stream().map(Item::of).map(taskItems::fromItem)
                .filter(task -> task.submission() != null && task.submission().workerId().equals(workerId))
                .toList();
    }

    private Iterable<ClaimCandidate> candidates(QueryRequest query) {
        // Lazy: pages are fetched only as far as the caller reads. The index projects what picks a
        // candidate (skills, job and input), not the task, which the claim reads before it writes.
        return () -> dynamo.queryPaginator(query).items().stream()
                .map(Item::of)
                .map(item -> new ClaimCandidate(item.string(Item.PK).substring(TaskItems.TASK_PREFIX.length()),
                        item.string("jobId"), (int) item.number("inputIndex"), item.stringSet("skills")))
                .iterator();
    }

    private TransactWriteItem deleteMarkInTransaction(Task task, String workerId) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(markKey(task, workerId)).build()).build();
    }

    private static Map<String, AttributeValue> markKey(Task task, String workerId) {
        return Item.key(markPartition(task), MARK_SK_PREFIX + workerId);
    }

    private static String markPartition(Task task) {
        return MARK_PREFIX + task.jobId() + "#" + task.inputIndex();
    }

    private static ClaimRecord claimRecord(Item item) {
        return new ClaimRecord(item.string(Item.PK).substring(CLAIM_PREFIX.length()), item.string("taskId"),
                item.string("workerId"), item.instant("claimedAt"));
    }
}
