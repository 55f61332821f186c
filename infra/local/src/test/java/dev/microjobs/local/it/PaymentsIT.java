package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.microjobs.aws.sqs.PayoutMessage;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.payouts.Payout;
import dev.microjobs.core.payouts.PayoutState;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Approval, the escrow ledger and payouts through the local stack: the whole lifecycle for one
 * task and for a 100-task job, and each way a payout could be duplicated ending in one payout and
 * one set of ledger entries. (StackTest runs ledger-verify after every test.)
 */
class PaymentsIT extends StackTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final IdGenerator IDS = new IdGenerator(CLOCK);
    @Test
    void theWholeLifecycleThroughTheApis() {
        String key = newBusiness(10_000);
        var worker = newWorker();
        Response created = post("/v1/jobs", key, Map.of(
                "type", "summary", "title", "Summaries", "instructions", "Two sentences.",
                "reward", Map.of("amount", 100, "currency", "USD"),
                "draft", Map.of("provider", "offline"),
                "inputs", List.of(Map.of("text", "Sales rose 12% in the third quarter. Costs fell. "
                        + "The board approved a new plant in Porto. Hiring starts in May."))));
        String taskId = created.json().get("taskIds").get(0).asText();
        await("the draft", Duration.ofSeconds(20), () -> state(key, taskId).equals("READY"));

        Response claimed = post("/v1/worker/claims", worker.token(), null);
        assertEquals(201, claimed.status(), claimed.body());
        assertTrue(claimed.json().get("task").get("draft").isTextual(), "the AI draft, pre-filled: " + claimed.body());
        Response submitted = post("/v1/worker/claims/" + claimed.json().get("id").asText() + "/submit", worker.token(),
                Map.of("output", "Sales rose 12% and a plant in Porto was approved.", "draftUsed", "edited"));
        assertEquals(200, submitted.status(), submitted.body());
        assertEquals(200, post("/v1/tasks/" + taskId + "/approve", key, null).status());

        await("the task to be paid", Duration.ofSeconds(20), () -> state(key, taskId).equals("PAID"));
        JsonNode me = get("/v1/worker/me", worker.token()).json();
        assertEquals(100, me.get("earnings").get("paid").get("amount").asLong(), me.toString());
        assertEquals("paid", me.get("payouts").get(0).get("status").asText());
        assertEquals(1, get("/v1/jobs/" + created.json().get("id").asText() + "/results", key).body().lines().count());
    }

    @Test
    void oneTaskFromSubmissionToPaid() {
        String key = newBusiness(10_000);
        String workerId = newWorker("writing").workerId();
        String taskId = readyTasks(key, 1, 100).get(0);
        submitAs(workerId, taskId);

        Response approved = post("/v1/tasks/" + taskId + "/approve", key, null);

        assertEquals(200, approved.status(), approved.body());
        assertEquals("APPROVED", approved.json().get("state").asText());
        await("the task to be paid", Duration.ofSeconds(20), () -> state(key, taskId).equals("PAID"));
        JsonNode account = get("/v1/account", key).json();
        assertEquals(10_000 - 120, account.get("balance").get("amount").asLong());
        assertEquals(0, account.get("held").get("amount").asLong());
        assertEquals(120, account.get("spent").get("amount").asLong());
        List<Payout> payouts = payoutStore.history(workerId, 10);
        assertEquals(1, payouts.size());
        assertEquals(PayoutState.PAID, payouts.get(0).state());
        assertEquals(100, payouts.get(0).amount().amount());
        assertEquals(List.of(taskId), payouts.get(0).taskIds());
    }

    @Test
    void approvingTwiceChangesNothing() {
        String key = newBusiness(10_000);
        String workerId = newWorker().workerId();
        String taskId = readyTasks(key, 1, 50).get(0);
        submitAs(workerId, taskId);
        post("/v1/tasks/" + taskId + "/approve", key, null);
        await("the task to be paid", Duration.ofSeconds(20), () -> state(key, taskId).equals("PAID"));
        int entries = entriesOf(taskId);

        Response again = post("/v1/tasks/" + taskId + "/approve", key, null);

        assertEquals(200, again.status());
        assertEquals("PAID", again.json().get("state").asText());
        assertEquals(entries, entriesOf(taskId));
        assertEquals(1, payoutStore.history(workerId, 10).size());
    }

    @Test
    void concurrentApprovalsPayOnce() throws Exception {
        String key = newBusiness(10_000);
        String workerId = newWorker().workerId();
        String taskId = readyTasks(key, 1, 70).get(0);
        submitAs(workerId, taskId);

        List<Integer> statuses = inParallel(10, () -> post("/v1/tasks/" + taskId + "/approve", key, null).status());

        assertTrue(statuses.stream().allMatch(status -> status == 200), statuses.toString());
        await("the task to be paid", Duration.ofSeconds(20), () -> state(key, taskId).equals("PAID"));
        assertEquals(2, entriesOf(taskId), "one reward and one fee entry");
        assertEquals(1, payoutStore.history(workerId, 10).size());
        assertEquals(10_000 - 84, get("/v1/account", key).json().get("balance").get("amount").asLong());
    }

    @Test
    void duplicatePayoutMessagesPayOnce() {
        String key = newBusiness(10_000);
        String workerId = newWorker().workerId();
        List<String> taskIds = readyTasks(key, 3, 40);
        taskIds.forEach(taskId -> submitAs(workerId, taskId));
        taskIds.forEach(taskId -> assertEquals(200, post("/v1/tasks/" + taskId + "/approve", key, null).status()));

        String payoutsQueue = stack.queueUrl("PayoutsQueue");
        for (int i = 0; i < 5; i++) {
            sqs.sendMessage(m -> m.queueUrl(payoutsQueue).messageBody(PayoutMessage.write(workerId, "USD")));
        }

        taskIds.forEach(taskId -> await("task " + taskId + " paid", Duration.ofSeconds(20),
                () -> state(key, taskId).equals("PAID")));
        awaitQueueDrained(payoutsQueue);
        List<Payout> payouts = payoutStore.history(workerId, 20);
        assertEquals(120, payouts.stream().mapToLong(p -> p.amount().amount()).sum(), payouts.toString());
        assertEquals(3, payouts.stream().mapToLong(p -> p.taskIds().size()).sum());
        assertTrue(payouts.stream().allMatch(p -> p.state() == PayoutState.PAID));
    }

    @Test
    void aPayoutLeftSentByACrashIsCompletedOnce() {
        String key = newBusiness(10_000);
        String workerId = newWorker().workerId();
        String taskId = readyTasks(key, 1, 90).get(0);
        Task submitted = submitAs(workerId, taskId);
        // Approve through the ledger without the API, so no payout message is sent.
        Task approvedTask = approveWithoutPayoutMessage(submitted);
        Instant now = CLOCK.instant();
        Payout pending = new Payout(IDS.next(IdType.PAYOUT), workerId, approvedTask.reward(), List.of(taskId),
                PayoutState.PENDING, "ledger", 0, null, null, now, now);
        assertTrue(payoutStore.create(pending));
        // The crash: the provider was called, then the function died before recording PAID.
        assertTrue(payoutStore.update(pending, pending.sent(now)));

        sqs.sendMessage(m -> m.queueUrl(stack.queueUrl("PayoutsQueue")).messageBody(PayoutMessage.write(workerId, "USD")));

        await("the task to be paid", Duration.ofSeconds(20), () -> state(key, taskId).equals("PAID"));
        Payout completed = payoutStore.find(pending.id()).orElseThrow();
        assertEquals(PayoutState.PAID, completed.state());
        assertEquals(2, completed.attempts(), "sent again under the same id");
        assertEquals(1, payoutStore.history(workerId, 10).size());
    }

    @Test
    void oneRequestPaysAWorkerOwedMoreThanOnePayoutHolds() {
        String key = newBusiness(100_000);
        String workerId = newWorker().workerId();
        List<String> taskIds = readyTasks(key, 95, 10);
        // Approved without the API's payout requests, so that one request finds all 95 owed.
        taskIds.forEach(taskId -> approveWithoutPayoutMessage(submitAs(workerId, taskId)));

        sqs.sendMessage(m -> m.queueUrl(stack.queueUrl("PayoutsQueue")).messageBody(PayoutMessage.write(workerId, "USD")));

        taskIds.forEach(taskId -> await("task " + taskId + " paid", Duration.ofSeconds(30),
                () -> state(key, taskId).equals("PAID")));
        List<Integer> payoutSizes = payoutStore.history(workerId, 10).stream().map(p -> p.taskIds().size()).sorted().toList();
        assertEquals(List.of(5, 90), payoutSizes, "a payout holds 90 tasks at most; the rest in a second one");
    }

    @Test
    void aHundredTaskJobIsApprovedAndPaid() {
        String key = newBusiness(100_000);
        List<String> workers = IntStream.range(0, 5).mapToObj(i -> newWorker().workerId()).toList();
        List<String> taskIds = readyTasks(key, 100, 25);
        submitInTurns(workers, taskIds);
        String jobId = jobStore.findTask(taskIds.get(0)).orElseThrow().jobId();

        Response approved = post("/v1/jobs/" + jobId + "/approve", key, null);

        assertEquals(200, approved.status(), approved.body());
        assertEquals(100, approved.json().get("approval").get("approved").asInt());
        await("all 100 tasks paid", Duration.ofSeconds(60),
                () -> get("/v1/jobs/" + jobId, key).json().get("tasks").get("PAID").asInt() == 100);
        JsonNode job = get("/v1/jobs/" + jobId, key).json();
        assertEquals(100 * 30, job.get("money").get("spent").get("amount").asLong());
        assertEquals(0, job.get("money").get("held").get("amount").asLong());
        long paid = workers.stream().flatMap(w -> payoutStore.history(w, 100).stream())
                .mapToLong(p -> p.amount().amount()).sum();
        assertEquals(100 * 25, paid);
        assertEquals(100, get("/v1/jobs/" + jobId + "/results", key).body().lines().count());
    }

    @Test
    void approvingAJobInChunksLeavesATaskRejectedMeanwhileAloneAndPaysEachWorkerOnce() {
        String key = newBusiness(10_000);
        List<String> workers = IntStream.range(0, 2).mapToObj(i -> newWorker().workerId()).toList();
        // More tasks than one approval transaction takes, so the job is approved in two.
        List<String> taskIds = readyTasks(key, 30, 25);
        submitInTurns(workers, taskIds);
        String rejected = taskIds.get(7);
        assertEquals(200, post("/v1/tasks/" + rejected + "/reject", key, Map.of("requeue", false)).status());
        String jobId = jobStore.findTask(rejected).orElseThrow().jobId();

        Response approved = post("/v1/jobs/" + jobId + "/approve", key, null);

        assertEquals(200, approved.status(), approved.body());
        assertEquals(29, approved.json().get("approval").get("approved").asInt());
        await("the 29 approved tasks paid", Duration.ofSeconds(60),
                () -> get("/v1/jobs/" + jobId, key).json().get("tasks").get("PAID").asInt() == 29);
        assertEquals("REJECTED", state(key, rejected));
        JsonNode job = get("/v1/jobs/" + jobId, key).json();
        assertEquals(29 * 30, job.get("money").get("spent").get("amount").asLong());
        assertEquals(0, job.get("money").get("held").get("amount").asLong());
        for (String workerId : workers) {
            assertEquals(1, payoutStore.history(workerId, 10).size(), "one payout request, so one payout, per worker");
        }
    }

    @Test
    void rejectWithoutRequeueReleasesEscrowAndCanBeUndone() {
        String key = newBusiness(10_000);
        String workerId = newWorker().workerId();
        String taskId = readyTasks(key, 1, 100).get(0);
        submitAs(workerId, taskId);

        Response rejected = post("/v1/tasks/" + taskId + "/reject", key, Map.of("reason", "off brief", "requeue", false));

        assertEquals(200, rejected.status(), rejected.body());
        assertEquals("REJECTED", rejected.json().get("state").asText());
        assertEquals(10_000, get("/v1/account", key).json().get("balance").get("amount").asLong());

        Response undone = post("/v1/tasks/" + taskId + "/approve", key, null);
        assertEquals(200, undone.status(), undone.body());
        await("the task to be paid", Duration.ofSeconds(20), () -> state(key, taskId).equals("PAID"));
        assertEquals(10_000 - 120, get("/v1/account", key).json().get("balance").get("amount").asLong());
    }

    @Test
    void rejectWithRequeueKeepsEscrowAndOffersTheTaskAgain() {
        String key = newBusiness(10_000);
        String taskId = readyTasks(key, 1, 100).get(0);
        submitAs(newWorker().workerId(), taskId);

        Response rejected = post("/v1/tasks/" + taskId + "/reject", key, Map.of("requeue", true));

        assertEquals("READY", rejected.json().get("state").asText());
        JsonNode account = get("/v1/account", key).json();
        assertEquals(120, account.get("held").get("amount").asLong());
        assertEquals(409, post("/v1/tasks/" + taskId + "/approve", key, null).status());
    }

    @Test
    void anotherBusinessCannotApproveOrReject() {
        String owner = newBusiness(10_000);
        String other = newBusiness(10_000);
        String taskId = readyTasks(owner, 1, 100).get(0);
        submitAs(newWorker().workerId(), taskId);

        assertEquals(404, post("/v1/tasks/" + taskId + "/approve", other, null).status());
        assertEquals(404, post("/v1/tasks/" + taskId + "/reject", other, Map.of()).status());
        assertEquals("SUBMITTED", state(owner, taskId));
    }
    /** Stands in for the worker API (claim, then submit) with the same domain moves and conditional writes. */
    /** The workers hand in the tasks in turns, as the worker API would. */
    private static void submitInTurns(List<String> workers, List<String> taskIds) {
        for (int i = 0; i < taskIds.size(); i++) {
            submitAs(workers.get(i % workers.size()), taskIds.get(i));
        }
    }

    private static String state(String key, String taskId) {
        return get("/v1/tasks/" + taskId, key).json().get("state").asText();
    }

    private static int entriesOf(String taskId) {
        return dynamo.scan(s -> s.tableName(stack.tableName("MicrojobsTable"))
                .filterExpression("#type = :entry AND taskId = :task")
                .expressionAttributeNames(Map.of("#type", "type"))
                .expressionAttributeValues(Map.of(
                        ":entry", AttributeValue.fromS("LEDGER_ENTRY"),
                        ":task", AttributeValue.fromS(taskId))))
                .count();
    }

    private static void awaitQueueDrained(String queueUrl) {
        await("the queue to drain", Duration.ofSeconds(20), () -> {
            Map<String, String> attributes = new HashMap<>();
            sqs.getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                    .attributesAsStrings().forEach(attributes::put);
            return attributes.values().stream().allMatch("0"::equals);
        });
    }

    private static <T> List<T> inParallel(int threads, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
