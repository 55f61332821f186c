package dev.microjobs.aws.dynamodb;

import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobStatus;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.errors.InsufficientBalanceException;
import dev.microjobs.core.jobs.DraftSpend;
import dev.microjobs.core.jobs.IdempotencyRecord;
import dev.microjobs.core.ledger.LedgerEntry;
import dev.microjobs.core.ports.JobStore;
import dev.microjobs.core.ports.Page;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Jobs ({@code JOB#<id>}/{@code JOB}, listed per business on {@code gsi1} newest first), the
 * ordered list of a job's task ids ({@code JOB#<id>}/{@code TASKIDS}, kept apart so the job item
 * stays small) and the tasks themselves (see {@link TaskItems}).
 */
@Singleton
public class DynamoJobStore implements JobStore {
    static final String JOB_PREFIX = "JOB#";
    private static final String JOB_SK = "JOB";
    static final String COMPLETION_SK = "COMPLETED";
    /** The sweeper's work list: jobs stay on it until no task of theirs can change any more. */
    static final String ACTIVE_JOBS = "ACTIVE_JOBS";
    /** Task updates per cancellation transaction, leaving room for the balance and the ledger entry. */
    static final int TASKS_PER_TRANSACTION = 25;
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int MAX_CONFLICT_RETRIES = 6;

    private final DynamoDbClient dynamo;
    private final String table;
    private final TaskItems taskItems;
    private final DynamoTaskStore taskStore;
    private final IdempotencyItems idempotencyItems;

    public DynamoJobStore(DynamoDbClient dynamo, TableConfiguration table, TaskItems taskItems,
                          DynamoTaskStore taskStore, IdempotencyItems idempotencyItems) {
        this.dynamo = dynamo;
        this.table = table.getName();
        this.taskItems = taskItems;
        this.taskStore = taskStore;
        this.idempotencyItems = idempotencyItems;
    }

    static Map<String, AttributeValue> jobKey(String jobId) {
        return Item.key(JOB_PREFIX + jobId, JOB_SK);
    }

    /** The once-only marker that a job's completion was published ({@link DynamoEventStore#firstCompletion}). */
    static Map<String, AttributeValue> completionKey(String jobId) {
        return Item.key(JOB_PREFIX + jobId, COMPLETION_SK);
    }

    static String jobsOfBusiness(String businessId) {
        return "BUSINESS#" + businessId + "#JOBS";
    }

    @Override
    public void createJob(Job job, List<String> taskIds, LedgerEntry hold, Optional<IdempotencyRecord> idempotency) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(putNew(jobItem(job)));
        writes.add(putNew(Item.withKey(JOB_PREFIX + job.id(), "TASKIDS").put("type", "JOB_TASK_IDS").putStrings("taskIds", taskIds)));
        writes.add(TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(Item.key(DynamoAccountStore.BUSINESS_PREFIX + job.businessId(), DynamoAccountStore.ACCOUNT_SK))
                .updateExpression("SET available = available - :total, escrow = escrow + :total")
                .conditionExpression("available >= :total AND currency = :currency")
                .expressionAttributeValues(Map.of(
                        ":total", Item.n(hold.amount().amount()),
                        ":currency", Item.s(hold.amount().currency())))
                .build()).build());
        writes.add(LedgerItems.put(table, hold));
        idempotency.ifPresent(record -> writes.add(idempotencyItems.putIfFree(record)));
        transactWithRetry(writes, e -> {
            if (Transactions.failedCondition(e, 2)) {
                throw new InsufficientBalanceException("Holding " + hold.amount() + " in escrow for " + job.taskCount()
                        + " task(s) (reward + fee each) needs more than your available balance; nothing was held");
            }
            if (idempotency.isPresent() && Transactions.failedCondition(e, 4)) {
                throw new IdempotencyKeyTakenException(idempotency.get().key());
            }
        });
    }

    @Override
    public void addNewTasks(Job job, List<Task> tasks) {
        Set<String> skills = job.skills();
        for (int from = 0; from < tasks.size(); from += BATCH_WRITE_LIMIT) {
            List<WriteRequest> writes = tasks.subList(from, Math.min(tasks.size(), from + BATCH_WRITE_LIMIT)).stream()
                    .map(task -> WriteRequest.builder().putRequest(PutRequest.builder()
                            .item(taskItems.toItem(task, skills).attributes()).build()).build())
                    .toList();
            Batches.writeAll(dynamo, table, writes);
        }
    }

    /**
     * Reads which tasks exist, then batch-writes the rest. No conditional put per task is needed:
     * only a resume under the Idempotency-Key's lock writes a crashed creation's tasks, and the
     * lock outlasts any invocation, so nothing creates a task read missing here before it is
     * written. (A put per task was twenty requests per resumed job, each one more chance to fail
     * and leave the job for the next retry: in a chaos run, one job took three minutes to resume.)
     */
    @Override
    public void addMissingTasks(Job job, List<Task> tasks) {
        Set<Map<String, AttributeValue>> existing = Batches.existingKeys(dynamo, table,
                tasks.stream().map(task -> TaskItems.key(task.id())).toList());
        addNewTasks(job, tasks.stream().filter(task -> !existing.contains(TaskItems.key(task.id()))).toList());
    }

    @Override
    public Optional<Job> findJob(String jobId) {
        var response = dynamo.getItem(g -> g.tableName(table).key(jobKey(jobId)));
        return response.hasItem() ? Optional.of(job(Item.of(response.item()))) : Optional.empty();
    }

    /** The job item and the completion marker ({@link DynamoEventStore#firstCompletion}) in one BatchGetItem. */
    @Override
    public Optional<Progress> findProgress(String jobId) {
        List<Item> items = Batches.getAllConsistently(dynamo, table, List.of(jobKey(jobId), completionKey(jobId)))
                .stream().map(Item::of).toList();
        boolean completionRecorded = items.stream().anyMatch(item -> item.string(Item.SK).equals(COMPLETION_SK));
        return items.stream().filter(item -> item.string(Item.SK).equals(JOB_SK)).findFirst()
                .map(item -> new Progress(job(item), completionRecorded));
    }

    @Override
    public Map<String, Job> findJobs(Collection<String> jobIds) {
        List<Map<String, AttributeValue>> keys = jobIds.stream().map(DynamoJobStore::jobKey).toList();
        Map<String, Job> found = new HashMap<>();
        for (Map<String, AttributeValue> item : Batches.getAllConsistently(dynamo, table, keys)) {
            Job job = job(Item.of(item));
            found.put(job.id(), job);
        }
        return found;
    }

    @Override
    public List<String> taskIds(String jobId) {
        var response = dynamo.getItem(g -> g.tableName(table).key(Item.key(JOB_PREFIX + jobId, "TASKIDS")));
        return response.hasItem() ? Item.of(response.item()).strings("taskIds") : List.of();
    }

    @Override
    public Page<Job> listJobs(String businessId, Optional<String> cursor, int limit) {
        String partition = jobsOfBusiness(businessId);
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .indexName("gsi1")
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Item.s(partition)))
                .scanIndexForward(false)
                .limit(limit);
        cursor.ifPresent(c -> query.exclusiveStartKey(PageCursor.decode(c, Item.GSI1PK, partition, Item.GSI1SK, "")));
        QueryResponse response = dynamo.query(query.build());
        return new Page<>(Batches.getInOrder(dynamo, table, response.items()).stream().map(Item::of).map(DynamoJobStore::job).toList(),
                PageCursor.encode(response.lastEvaluatedKey()));
    }

    @Override
    public Page<Task> listTasks(String jobId, Optional<TaskState> state, Optional<String> cursor, int limit) {
        String partition = TaskItems.jobTasksPartition(jobId);
        String statePrefix = state.map(s -> s.name() + "#").orElse("");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", Item.s(partition));
        String condition = "gsi1pk = :pk";
        if (state.isPresent()) {
            condition += " AND begins_with(gsi1sk, :state)";
            values.put(":state", Item.s(statePrefix));
        }
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .indexName("gsi1")
                .keyConditionExpression(condition)
                .expressionAttributeValues(values)
                .limit(limit);
        cursor.ifPresent(c -> query.exclusiveStartKey(PageCursor.decode(c, Item.GSI1PK, partition, Item.GSI1SK, statePrefix)));
        QueryResponse response = dynamo.query(query.build());
        // The index names the tasks; read by key, a task that left the state asked for since is left out.
        List<Task> tasks = Batches.getInOrder(dynamo, table, response.items()).stream().map(Item::of)
                .map(taskItems::fromItem)
                .filter(task -> state.isEmpty() || task.state() == state.get())
                .toList();
        return new Page<>(tasks, PageCursor.encode(response.lastEvaluatedKey()));
    }

    @Override
    public List<Task> tasksIn(Job job, Set<TaskState> states) {
        return taskStore.findAll(taskIds(job.id())).stream().filter(task -> states.contains(task.state())).toList();
    }

    @Override
    public Map<TaskState, Integer> countTasksByState(String jobId) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName("gsi1")
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Item.s(TaskItems.jobTasksPartition(jobId))))
                .projectionExpression("gsi1sk")
                .build();
        Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
        dynamo.queryPaginator(query).items().forEach(item -> {
            String sortKey = item.get(Item.GSI1SK).s();
            counts.merge(TaskState.valueOf(sortKey.substring(0, sortKey.indexOf('#'))), 1, Integer::sum);
        });
        return counts;
    }

    @Override
    public boolean hasTaskIn(String jobId, List<TaskState> states) {
        return states.stream().anyMatch(state -> dynamo.query(q -> q.tableName(table)
                .indexName("gsi1")
                .keyConditionExpression("gsi1pk = :pk AND begins_with(gsi1sk, :state)")
                .expressionAttributeValues(Map.of(
                        ":pk", Item.s(TaskItems.jobTasksPartition(jobId)),
                        ":state", Item.s(state.name() + "#")))
                .projectionExpression("gsi1sk")
                .limit(1)).count() > 0);
    }

    @Override
    public Optional<Task> findTask(String taskId) {
        var response = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(TaskItems.key(taskId)));
        return response.hasItem() ? Optional.of(taskItems.fromItem(Item.of(response.item()))) : Optional.empty();
    }

    @Override
    public List<Task> closeTasks(Job job, List<Task> tasks, TaskState closedState, Instant at,
                                 LedgerEntryFactory releaseEntry) {
        List<Task> moved = new ArrayList<>();
        for (int from = 0; from < tasks.size(); from += TASKS_PER_TRANSACTION) {
            List<Task> chunk = new ArrayList<>(tasks.subList(from, Math.min(tasks.size(), from + TASKS_PER_TRANSACTION)));
            while (!chunk.isEmpty()) {
                List<Task> attempt = chunk;
                Money released = job.reward().plus(job.fee()).times(attempt.size());
                List<TransactWriteItem> writes = new ArrayList<>();
                attempt.forEach(task -> writes.add(TransactWriteItem.builder()
                        .update(taskItems.transition(table, task, task.transition(closedState, at))).build()));
                LedgerEntry release = releaseEntry.release(released);
                writes.addAll(BalanceItems.updates(table, List.of(release)));
                writes.add(LedgerItems.put(table, release));
                List<Task> failed = new ArrayList<>();
                transactWithRetry(writes, e -> {
                    for (int i = 0; i < attempt.size(); i++) {
                        if (Transactions.failedCondition(e, i)) {
                            failed.add(attempt.get(i));
                        }
                    }
                    if (failed.isEmpty()) {
                        throw e;
                    }
                });
                if (failed.isEmpty()) {
                    break;
                }
                moved.addAll(failed);
                chunk.removeAll(failed);
            }
        }
        return moved;
    }

    @Override
    public void recordDraftSpend(String jobId, DraftSpend added) {
        dynamo.updateItem(u -> u.tableName(table).key(jobKey(jobId))
                .updateExpression("ADD draftCount :drafts, draftInputTokens :in, draftOutputTokens :out, draftLatencyMs :ms")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(
                        ":drafts", Item.n(added.drafts()),
                        ":in", Item.n(added.inputTokens()),
                        ":out", Item.n(added.outputTokens()),
                        ":ms", Item.n(added.latencyMs()))));
    }

    @Override
    public DraftSpend draftSpend(String jobId) {
        var response = dynamo.getItem(g -> g.tableName(table).key(jobKey(jobId))
                .projectionExpression("draftCount, draftInputTokens, draftOutputTokens, draftLatencyMs"));
        if (!response.hasItem()) {
            return DraftSpend.NONE;
        }
        Item item = Item.of(response.item());
        return new DraftSpend(item.numberOrZero("draftCount"), item.numberOrZero("draftInputTokens"),
                item.numberOrZero("draftOutputTokens"), item.numberOrZero("draftLatencyMs"));
    }

    @Override
    public boolean markCancelled(String jobId) {
        return closeOpenJob(jobId, JobStatus.CANCELLED);
    }

    @Override
    public boolean markExpired(String jobId) {
        return closeOpenJob(jobId, JobStatus.EXPIRED);
    }

    @Override
    public List<Job> activeJobs() {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName("gsi2")
                .keyConditionExpression("gsi2pk = :active")
                .expressionAttributeValues(Map.of(":active", Item.s(ACTIVE_JOBS)))
                .build();
        return Batches.queryItems(dynamo, table, query).stream().map(Item::of).map(DynamoJobStore::job).toList();
    }

    @Override
    public void finish(Job job) {
        if (job.status() == JobStatus.OPEN) {
            closeOpenJob(job.id(), JobStatus.COMPLETED);
        }
        leaveActiveJobs(job.id());
    }

    private void leaveActiveJobs(String jobId) {
        dynamo.updateItem(u -> u.tableName(table).key(jobKey(jobId))
                .updateExpression("REMOVE gsi2pk, gsi2sk")
                .conditionExpression("attribute_exists(pk)"));
    }

    private boolean closeOpenJob(String jobId, JobStatus closed) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(jobKey(jobId))
                    .updateExpression("SET #status = :closed")
                    .conditionExpression("#status = :open")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":closed", Item.s(closed.name()),
                            ":open", Item.s(JobStatus.OPEN.name()))));
            return true;
        } catch (ConditionalCheckFailedException notOpen) {
            return false;
        }
    }

    /**
     * Runs a transaction, retrying when it only collided with a concurrent one; any other
     * cancellation goes to {@code onCancelled}, which throws the domain's answer or returns to
     * let the caller inspect what failed.
     */
    private void transactWithRetry(List<TransactWriteItem> writes,
                                   Consumer<TransactionCanceledException> onCancelled) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(writes));
                return;
            } catch (TransactionCanceledException e) {
                if (Transactions.conflicted(e) && attempt < MAX_CONFLICT_RETRIES) {
                    Backoff.sleep(attempt);
                    continue;
                }
                onCancelled.accept(e);
                if (Transactions.conflicted(e)) {
                    throw e;
                }
                return;
            }
        }
    }

    private TransactWriteItem putNew(Item item) {
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(item.attributes())
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build();
    }

    private Item jobItem(Job job) {
        return Item.withKey(JOB_PREFIX + job.id(), JOB_SK)
                .put("type", "JOB")
                .put("businessId", job.businessId())
                .put("jobType", job.type().wireName())
                .put("title", job.title())
                .put("instructions", job.instructions())
                .put("reward", job.reward().amount())
                .put("fee", job.fee().amount())
                .put("currency", job.reward().currency())
                .put("assignments", job.assignments())
                .put("taskCount", job.taskCount())
                .putStrings("skills", job.skills().stream().sorted().toList())
                .put("draftProvider", job.drafting().provider().wireName())
                .put("draftPrompt", job.drafting().promptTemplate())
                .put("draftUrl", job.drafting().webhookUrl() == null ? null : job.drafting().webhookUrl().toString())
                .put("draftMaxTokens", job.drafting().maxTokens() == null ? null : job.drafting().maxTokens().toString())
                .put("callbackUrl", job.callbackUrl() == null ? null : job.callbackUrl().toString())
                .put("leaseSeconds", job.leaseSeconds())
                .put("autoApproveAfterSeconds", job.autoApproveAfterSeconds())
                .put("createdAt", job.createdAt())
                .put("expiresAt", job.expiresAt())
                .put("status", job.status().name())
                .put(Item.GSI1PK, jobsOfBusiness(job.businessId()))
                .put(Item.GSI1SK, job.id())
                .put(Item.GSI2PK, ACTIVE_JOBS)
                .put(Item.GSI2SK, job.id());
    }

    static Job job(Item item) {
        String currency = item.string("currency");
        return new Job(
                item.string(Item.PK).substring(JOB_PREFIX.length()),
                item.string("businessId"),
                JobType.fromWireName(item.string("jobType")).orElseThrow(),
                item.string("title"),
                item.string("instructions"),
                new Money(item.number("reward"), currency),
                new Money(item.number("fee"), currency),
                (int) item.number("assignments"),
                (int) item.number("taskCount"),
                item.stringSet("skills"),
                new Job.DraftSettings(DraftProviderName.fromWireName(item.string("draftProvider")).orElseThrow(),
                        item.optionalString("draftPrompt").orElse(null),
                        item.optionalString("draftUrl").map(URI::create).orElse(null),
                        item.optionalString("draftMaxTokens").map(Long::valueOf).orElse(null)),
                item.optionalString("callbackUrl").map(URI::create).orElse(null),
                item.number("leaseSeconds"),
                item.number("autoApproveAfterSeconds"),
                item.instant("createdAt"),
                item.instant("expiresAt"),
                JobStatus.valueOf(item.string("status")));
    }
}
