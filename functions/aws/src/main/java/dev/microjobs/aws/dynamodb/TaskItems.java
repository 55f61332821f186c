package dev.microjobs.aws.dynamodb;

import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import jakarta.inject.Singleton;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tasks as items: {@code TASK#<id>}/{@code TASK}. {@code gsi1} lists a job's tasks by state
 * ({@code JOB#<jobId>#TASKS}, {@code <STATE>#<taskId>}). {@code gsi2} is overloaded by state,
 * so a task is in at most one of its partitions at a time:
 * <ul>
 *   <li>READY: {@code READY}, {@code <inverted zero-padded reward>#<taskId>}: highest reward
 *       first then oldest, the order workers are offered tasks;
 *   <li>CLAIMED: {@code LEASES}, {@code <leaseExpiresAt>#<taskId>}: the sweeper's expired leases;
 *   <li>SUBMITTED, APPROVED, REJECTED, PAID: {@code WORKER#<workerId>}, {@code <taskId>}: a
 *       worker's handed-in work and earnings, read whole and judged by the tasks read by key, so
 *       the key leaves out the state and approval, rejection and payment write no index entry;
 *   <li>DRAFTING, EXPIRED, CANCELLED: not in gsi2.
 * </ul>
 * {@link #secondaryKeys} is the one place that derives these keys from the state. The input,
 * draft, claim and submission are kept as JSON documents.
 */
@Singleton
public class TaskItems {
    static final String TASK_PREFIX = "TASK#";
    static final String TASK_SK = "TASK";
    static final String READY_QUEUE = "READY";
    static final String LEASES = "LEASES";
    static final String WORKER_PREFIX = "WORKER#";
    /** Fixed width (always milliseconds), so that string order is time order. */
    private static final DateTimeFormatter SORTABLE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static Map<String, AttributeValue> key(String taskId) {
        return Item.key(TASK_PREFIX + taskId, TASK_SK);
    }

    static String jobTasksPartition(String jobId) {
        return "JOB#" + jobId + "#TASKS";
    }

    static String stateSortKey(TaskState state, String taskId) {
        return state.name() + "#" + taskId;
    }

    /** Zero-padded so that string order is numeric order; inverted so the highest reward sorts first. */
    static String readyQueueSortKey(long rewardAmount, String taskId) {
        return String.format("%019d#%s", Long.MAX_VALUE - rewardAmount, taskId);
    }

    static String sortableInstant(Instant instant) {
        return SORTABLE_INSTANT.format(instant);
    }

    static String leaseSortKey(Instant leaseExpiresAt, String taskId) {
        return sortableInstant(leaseExpiresAt) + "#" + taskId;
    }

    static String workerPartition(String workerId) {
        return WORKER_PREFIX + workerId;
    }

    /** The task's {@code gsi2} partition and sort key in its state, or empty when it is in no gsi2 partition. */
    static Optional<Map.Entry<String, String>> secondaryKeys(Task task) {
        return switch (task.state()) {
            case READY -> Optional.of(Map.entry(READY_QUEUE, readyQueueSortKey(task.reward().amount(), task.id())));
            case CLAIMED -> Optional.of(Map.entry(LEASES, leaseSortKey(task.claim().leaseExpiresAt(), task.id())));
            case SUBMITTED, APPROVED, REJECTED, PAID -> Optional.of(Map.entry(
                    workerPartition(task.submission().workerId()), task.id()));
            case DRAFTING, EXPIRED, CANCELLED -> Optional.empty();
        };
    }

    Item toItem(Task task, Collection<String> skills) {
        Item item = Item.withKey(TASK_PREFIX + task.id(), TASK_SK)
                .put("type", "TASK")
                .put("jobId", task.jobId())
                .put("businessId", task.businessId())
                .put("inputIndex", task.inputIndex())
                .put("state", task.state().name())
                .put("input", task.input().toString())
                .put("reward", task.reward().amount())
                .put("fee", task.fee().amount())
                .put("currency", task.reward().currency())
                .putStrings("skills", skills.stream().sorted().toList())
                .put("draft", TaskDocuments.write(task.draft()))
                .put("claim", TaskDocuments.write(task.claim()))
                .put("submission", TaskDocuments.write(task.submission()))
                .put("approvedAt", task.approvedAt())
                .put("createdAt", task.createdAt())
                .put("updatedAt", task.updatedAt())
                .put("version", task.version())
                .put(Item.GSI1PK, jobTasksPartition(task.jobId()))
                .put(Item.GSI1SK, stateSortKey(task.state(), task.id()));
        secondaryKeys(task).ifPresent(keys -> item.put(Item.GSI2PK, keys.getKey()).put(Item.GSI2SK, keys.getValue()));
        return item;
    }

    /**
     * The update that turns the stored {@code before} into {@code after} (see {@link #changes}),
     * on the condition that the item is still {@code before}.
     */
    Update transition(String table, Task before, Task after) {
        Changes changes = changes(before, after);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        changes.sets().forEach((attribute, value) -> {
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, value);
            sets.add("#" + attribute + " = :" + attribute);
        });
        changes.removes().forEach(attribute -> names.put("#" + attribute, attribute));
        values.put(":expectedState", Item.s(before.state().name()));
        values.put(":expectedVersion", Item.n(before.version()));
        String removes = changes.removes().stream().map(attribute -> "#" + attribute).collect(Collectors.joining(", "));
        return Update.builder()
                .tableName(table)
                .key(key(after.id()))
                .updateExpression("SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + removes))
                .conditionExpression("#state = :expectedState AND #version = :expectedVersion")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    /**
     * The same change as {@link #transition}, as a PartiQL {@code UPDATE} for a
     * {@code BatchExecuteStatement}: a WHERE on non-key attributes is the statement's condition,
     * so an item no longer {@code before} fails it ({@code ConditionalCheckFailed}) and stays as
     * it is, and an UPDATE never creates an item. Attribute names are quoted identifiers, which
     * keeps {@code state} and other reserved words usable; every value is a parameter.
     */
    BatchStatementRequest transitionStatement(String table, Task before, Task after) {
        Changes changes = changes(before, after);
        StringBuilder statement = new StringBuilder("UPDATE ").append(quoted(table));
        List<AttributeValue> parameters = new ArrayList<>();
        changes.sets().forEach((attribute, value) -> {
            statement.append(" SET ").append(quoted(attribute)).append(" = ?");
            parameters.add(value);
        });
        changes.removes().forEach(attribute -> statement.append(" REMOVE ").append(quoted(attribute)));
        statement.append(" WHERE \"pk\" = ? AND \"sk\" = ? AND \"state\" = ? AND \"version\" = ?");
        parameters.addAll(List.of(Item.s(TASK_PREFIX + after.id()), Item.s(TASK_SK),
                Item.s(before.state().name()), Item.n(before.version())));
        return BatchStatementRequest.builder().statement(statement.toString()).parameters(parameters).build();
    }

    /**
     * What turning the stored {@code before} into {@code after} writes: the state, version and
     * time, the index keys that follow the state (gsi2's only when they change), and of the draft, claim, submission and approval
     * time only what changes (the condition guarantees the item is {@code before}, so an approval
     * or a close carries no draft or work, and many fit in one transaction's 4 MB).
     */
    private Changes changes(Task before, Task after) {
        Changes changes = new Changes(new LinkedHashMap<>(), new ArrayList<>());
        changes.sets().put("state", Item.s(after.state().name()));
        changes.sets().put("version", Item.n(after.version()));
        changes.sets().put("updatedAt", Item.s(after.updatedAt().toString()));
        changes.sets().put(Item.GSI1SK, Item.s(stateSortKey(after.state(), after.id())));
        if (!Objects.equals(before.draft(), after.draft())) {
            changes.setOrRemove("draft", TaskDocuments.write(after.draft()));
        }
        if (!Objects.equals(before.claim(), after.claim())) {
            changes.setOrRemove("claim", TaskDocuments.write(after.claim()));
        }
        if (!Objects.equals(before.submission(), after.submission())) {
            changes.setOrRemove("submission", TaskDocuments.write(after.submission()));
        }
        if (!Objects.equals(before.approvedAt(), after.approvedAt())) {
            changes.setOrRemove("approvedAt", after.approvedAt() == null ? null : after.approvedAt().toString());
        }
        Optional<Map.Entry<String, String>> secondaryKeys = secondaryKeys(after);
        if (!secondaryKeys.equals(secondaryKeys(before))) {
            secondaryKeys.ifPresentOrElse(keys -> {
                changes.sets().put(Item.GSI2PK, Item.s(keys.getKey()));
                changes.sets().put(Item.GSI2SK, Item.s(keys.getValue()));
            }, () -> changes.removes().addAll(List.of(Item.GSI2PK, Item.GSI2SK)));
        }
        return changes;
    }

    private static String quoted(String identifier) {
        return '"' + identifier + '"';
    }

    /** Attributes to set, in the order written, and attributes to remove. */
    private record Changes(Map<String, AttributeValue> sets, List<String> removes) {
        void setOrRemove(String attribute, String value) {
            if (value == null) {
                removes.add(attribute);
            } else {
                sets.put(attribute, Item.s(value));
            }
        }
    }

    Task fromItem(Item item) {
        String currency = item.string("currency");
        return new Task(
                item.string(Item.PK).substring(TASK_PREFIX.length()),
                item.string("jobId"),
                item.string("businessId"),
                (int) item.number("inputIndex"),
                TaskState.valueOf(item.string("state")),
                TaskDocuments.readInput(item.string("input")),
                new Money(item.number("reward"), currency),
                new Money(item.number("fee"), currency),
                item.optionalString("draft").map(TaskDocuments::readDraft).orElse(null),
                item.optionalString("claim").map(TaskDocuments::readClaim).orElse(null),
                item.optionalString("submission").map(TaskDocuments::readSubmission).orElse(null),
                item.optionalInstant("approvedAt").orElse(null),
                item.instant("createdAt"),
                item.instant("updatedAt"),
                item.number("version"));
    }
}
