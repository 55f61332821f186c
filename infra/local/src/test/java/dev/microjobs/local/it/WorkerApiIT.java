package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.aws.dynamodb.DynamoAccountStore;
import dev.microjobs.aws.dynamodb.DynamoEventStore;
import dev.microjobs.aws.dynamodb.DynamoJobStore;
import dev.microjobs.aws.dynamodb.DynamoReviewStore;
import dev.microjobs.aws.dynamodb.DynamoTaskStore;
import dev.microjobs.aws.dynamodb.IdempotencyItems;
import dev.microjobs.aws.dynamodb.TableConfiguration;
import dev.microjobs.aws.dynamodb.TaskItems;
import dev.microjobs.core.domain.Claim;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.review.ClaimOutcome;
import dev.microjobs.core.review.ClaimResult;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker API on the whole app: claims, leases, submissions, the sweeper, bad input. */
class WorkerApiIT extends WorkerStackTest {
    private static String business;
    private static DynamoJobStore jobs;
    private static DynamoTaskStore tasks;
    private static DynamoReviewStore reviewStore;

    @BeforeAll
    static void businessAndStores() {
        business = newBusiness(1_000_000);
        TableConfiguration table = new TableConfiguration();
        table.setName(stack.tableName("MicrojobsTable"));
        TaskItems items = new TaskItems();
        tasks = new DynamoTaskStore(dynamo, table, items);
        jobs = new DynamoJobStore(dynamo, table, items, tasks, new IdempotencyItems(dynamo, table, java.time.Clock.systemUTC()));
        reviewStore = new DynamoReviewStore(dynamo, table, items, new DynamoAccountStore(dynamo, table), jobs, tasks);
    }

    @Test
    void claimExtendReleaseAndSubmit() {
        List<String> taskIds = readyJob(business, Map.of("skills", List.of("it-flow"), "leaseSeconds", 600), 1);
        String worker = newWorker("it-flow").token();

        Response claimed = claim(worker);
        assertEquals(201, claimed.status(), claimed.body());
        JsonNode claim = claimed.json();
        String claimId = claim.get("id").asText();
        assertEquals(taskIds.get(0), claim.get("taskId").asText());
        assertEquals("Taglines for a coffee brand", claim.get("task").get("title").asText());
        assertEquals("Five short, upbeat taglines.", claim.get("task").get("instructions").asText());
        assertEquals("tagline", claim.get("task").get("type").asText());
        assertEquals("Single-origin coffee, batch 0", claim.get("task").get("input").get("brief").asText());
        assertTrue(claim.get("task").get("draft").isNull(), "no draft with provider none");
        assertEquals(30, claim.get("task").get("reward").get("amount").asLong());
        Instant leaseExpiresAt = Instant.parse(claim.get("leaseExpiresAt").asText());
        assertEquals(600, leaseExpiresAt.getEpochSecond() - Instant.parse(claim.get("claimedAt").asText()).getEpochSecond());
        assertEquals("CLAIMED", state(business, taskIds.get(0)));

        Response extended = post("/v1/worker/claims/" + claimId + "/extend", worker, null);
        assertEquals(200, extended.status(), extended.body());
        assertEquals(leaseExpiresAt.plusSeconds(600), Instant.parse(extended.json().get("leaseExpiresAt").asText()));

        Response released = post("/v1/worker/claims/" + claimId + "/release", worker, null);
        assertEquals(200, released.status(), released.body());
        assertEquals("READY", released.json().get("state").asText());
        assertEquals("READY", state(business, taskIds.get(0)));
        assertEquals(409, submit(worker, claimId, "too late", "discarded").status());

        String again = claim(worker).json().get("id").asText();
        assertNotEquals(claimId, again);
        Response submitted = submit(worker, again, "Roasted in Lisbon, poured everywhere", "discarded");
        assertEquals(200, submitted.status(), submitted.body());
        assertEquals("SUBMITTED", submitted.json().get("state").asText());

        JsonNode submission = task(business, taskIds.get(0)).get("submission");
        assertEquals("Roasted in Lisbon, poured everywhere", submission.get("output").asText());
        assertEquals("discarded", submission.get("draftUsed").asText());
        assertEquals(1.0, submission.get("editRatio").asDouble());
        assertTrue(submission.get("secondsSpent").asLong() >= 0);
        assertTrue(submission.has("claimedAt") && submission.has("submittedAt"));

        Response second = submit(worker, again, "A second go", "discarded");
        assertEquals(409, second.status(), second.body());
        assertEquals("Roasted in Lisbon, poured everywhere",
                task(business, taskIds.get(0)).get("submission").get("output").asText(), "the first submission is kept");
        assertEquals(204, claim(worker).status(), "nothing else to claim");
    }

    @Test
    void ofTwentyWorkersRacingForOneTaskExactlyOneGetsIt() throws Exception {
        readyJob(business, Map.of("skills", List.of("it-race")), 1);

        List<Integer> answers = allAtOnce(workers(20, "it-race"), worker -> claim(worker).status());

        assertEquals(1, answers.stream().filter(s -> s == 201).count(), answers.toString());
        assertEquals(19, answers.stream().filter(s -> s == 204).count(), answers.toString());
    }

    @Test
    void ofEightWorkersClaimingTwentyTasksAtOnceEachTaskGoesToExactlyOne() throws Exception {
        List<String> taskIds = readyJob(business, Map.of("skills", List.of("it-spread")), 20);

        List<List<String>> claimedByEach = allAtOnce(workers(8, "it-spread"), worker -> {
            List<String> claimed = new ArrayList<>();
            for (Response answer = claim(worker); answer.status() != 204; answer = claim(worker)) {
                assertEquals(201, answer.status(), answer.body());
                claimed.add(answer.json().get("taskId").asText());
            }
            return claimed;
        });

        List<String> allClaims = claimedByEach.stream().flatMap(List::stream).toList();
        assertEquals(taskIds.size(), allClaims.size(), "one claim per task: " + allClaims);
        assertEquals(Set.copyOf(taskIds), Set.copyOf(allClaims));
    }

    @Test
    void aClaimThatLostTheRaceLearnsTheTaskAsItIsNowFromTheFailedWrite() {
        LostRace race = loseARace("it-lost");

        assertEquals(ClaimOutcome.TASK_CHANGED, race.result().outcome());
        assertEquals(jobs.findTask(race.asRead().id()).orElseThrow(), race.result().taskNow().orElseThrow(),
                "the winner's claim, without a read");
    }

    @Test
    void aClaimThatLostTheRaceLeavesNoMarkAndNoClaimBehind() {
        LostRace race = loseARace("it-lost-mark");

        assertEquals(ClaimOutcome.TASK_CHANGED, race.result().outcome());
        // The mark is put before the task's write, so a lost race must take it back, or the loser
        // could never get a sibling of this input.
        assertFalse(hasMark(race.asRead(), race.late().workerId()), "the loser's mark");
        assertTrue(reviewStore.findClaim(race.late().claimId()).isEmpty(), "no claim item for a claim not made");
    }

    @Test
    void marksAreKeptOnlyOnInputsWithSiblings() {
        String single = readyJob(business, Map.of("skills", List.of("it-no-siblings")), 1).get(0);
        List<String> siblings = readyJob(business, Map.of("skills", List.of("it-with-siblings"), "assignments", 2), 1);
        var worker = newWorker("it-no-siblings", "it-with-siblings");

        Response first = post("/v1/worker/claims", worker.token(), Map.of("skill", "it-no-siblings"));
        Response second = post("/v1/worker/claims", worker.token(), Map.of("skill", "it-with-siblings"));

        assertEquals(single, first.json().get("taskId").asText(), first.body());
        assertTrue(siblings.contains(second.json().get("taskId").asText()), second.body());
        // A one-assignment input has no sibling to keep the worker off: its claim writes no mark.
        assertFalse(hasMark(jobs.findTask(single).orElseThrow(), worker.workerId()));
        assertTrue(hasMark(jobs.findTask(siblings.get(0)).orElseThrow(), worker.workerId()));
    }

    private static boolean hasMark(Task task, String workerId) {
        return dynamo.getItem(g -> g.tableName(stack.tableName("MicrojobsTable")).key(Map.of(
                "pk", AttributeValue.fromS("WORKED#" + task.jobId() + "#" + task.inputIndex()),
                "sk", AttributeValue.fromS("WORKER#" + workerId)))).hasItem();
    }

    /** A task as read, the claim of a new worker on it after another worker claimed it, and how that ended. */
    private record LostRace(Task asRead, Claim late, ClaimResult result) {
    }

    private static LostRace loseARace(String skill) {
        String taskId = readyJob(business, Map.of("skills", List.of(skill)), 1).get(0);
        Task asRead = jobs.findTask(taskId).orElseThrow();
        assertEquals(201, claim(newWorker(skill).token()).status());
        Instant now = Instant.now();
        IdGenerator ids = new IdGenerator(Clock.systemUTC());
        Claim late = new Claim(ids.next(IdType.CLAIM), ids.next(IdType.WORKER), now, now.plusSeconds(600));
        return new LostRace(asRead, late, reviewStore.claim(asRead, asRead.claim(late, now), Optional.of(now.plus(Duration.ofDays(30)))));
    }

    @Test
    void anotherWorkersClaimIsNotFound() {
        readyJob(business, Map.of("skills", List.of("it-mine")), 1);
        String owner = newWorker("it-mine").token();
        String intruder = newWorker("it-mine").token();
        String claimId = claim(owner).json().get("id").asText();

        assertEquals(404, submit(intruder, claimId, "mine now", "discarded").status());
        assertEquals(404, post("/v1/worker/claims/" + claimId + "/extend", intruder, null).status());
        assertEquals(404, post("/v1/worker/claims/" + claimId + "/release", intruder, null).status());
        assertEquals(404, post("/v1/worker/claims/clm_01JD3Z7Q8W6M2XK4N5P9R0STVB/release", owner, null).status());
        assertEquals(200, submit(owner, claimId, "still mine", "discarded").status());
    }

    @Test
    void anExpiredLeaseRefusesTheSubmitAndTheSweeperPutsTheTaskBack() throws Exception {
        List<String> taskIds = readyJob(business, Map.of("skills", List.of("it-expiry"), "leaseSeconds", 60), 1);
        String worker = newWorker("it-expiry").token();
        String claimId = claim(worker).json().get("id").asText();
        backdateLease(taskIds.get(0));

        Response late = submit(worker, claimId, "late work", "discarded");
        assertEquals(409, late.status(), late.body());
        assertEquals("CLAIMED", state(business, taskIds.get(0)), "until the sweeper runs");

        stack.fireSchedule("SweeperFunction", "EveryMinute");

        assertEquals("READY", state(business, taskIds.get(0)));
        assertEquals(409, submit(worker, claimId, "later still", "discarded").status());
        Response next = claim(newWorker("it-expiry").token());
        assertEquals(201, next.status(), next.body());
        assertEquals(taskIds.get(0), next.json().get("taskId").asText());
    }

    @Test
    void anExpiredLeaseIsTakenOverByTheNextClaimBeforeTheSweeperRuns() {
        List<String> taskIds = readyJob(business, Map.of("skills", List.of("it-takeover"), "leaseSeconds", 60), 1);
        String late = newWorker("it-takeover").token();
        String lateClaim = claim(late).json().get("id").asText();
        backdateLease(taskIds.get(0));

        Response next = claim(newWorker("it-takeover").token());

        assertEquals(201, next.status(), next.body());
        assertEquals(taskIds.get(0), next.json().get("taskId").asText());
        assertEquals(409, submit(late, lateClaim, "late work", "discarded").status());
    }

    @Test
    void oneWorkerNeverGetsTwoAssignmentsOfOneInput() {
        List<String> siblings = readyJob(business, Map.of("skills", List.of("it-siblings"), "assignments", 3), 1);
        String worker = newWorker("it-siblings").token();
        String other = newWorker("it-siblings").token();

        Response first = claim(worker);
        assertEquals(201, first.status(), first.body());
        assertEquals(204, claim(worker).status(), "the other two tasks are siblings of the first");
        Response second = claim(other);
        assertEquals(201, second.status(), second.body());
        assertTrue(siblings.contains(first.json().get("taskId").asText()));
        assertNotEquals(first.json().get("taskId").asText(), second.json().get("taskId").asText());
    }

    @Test
    void theTaskIndexTellsWhetherAJobHasATaskInOneOfSomeStates() {
        List<String> taskIds = readyJob(business, Map.of("skills", List.of("it-progress")), 3);
        String jobId = jobs.findTask(taskIds.get(0)).orElseThrow().jobId();
        assertEquals(201, claim(newWorker("it-progress").token()).status());

        assertTrue(jobs.hasTaskIn(jobId, List.of(TaskState.SUBMITTED, TaskState.CLAIMED)));
        assertTrue(jobs.hasTaskIn(jobId, List.of(TaskState.READY)));
        assertFalse(jobs.hasTaskIn(jobId, List.of(TaskState.SUBMITTED, TaskState.DRAFTING, TaskState.PAID)));
        assertEquals(Map.of(TaskState.READY, 2, TaskState.CLAIMED, 1), jobs.countTasksByState(jobId));
    }

    @Test
    void aJobIsReadWithWhetherItsCompletionWasRecorded() {
        String jobId = jobs.findTask(readyJob(business, Map.of("skills", List.of("it-marker")), 1).get(0)).orElseThrow().jobId();
        TableConfiguration table = new TableConfiguration();
        table.setName(stack.tableName("MicrojobsTable"));
        DynamoEventStore events = new DynamoEventStore(dynamo, table);

        assertFalse(jobs.findProgress(jobId).orElseThrow().completionRecorded());
        assertTrue(events.firstCompletion(jobId));
        var progress = jobs.findProgress(jobId).orElseThrow();

        assertTrue(progress.completionRecorded());
        assertEquals(jobId, progress.job().id());
        assertTrue(jobs.findProgress(new IdGenerator(Clock.systemUTC()).next(IdType.JOB)).isEmpty());
    }

    @Test
    void meShowsClaimsInProgressWorkHandedInAndEarnings() {
        readyJob(business, Map.of("skills", List.of("it-me")), 3);
        var worker = newWorker("it-me");
        for (int i = 0; i < 2; i++) {
            String claimId = claim(worker.token()).json().get("id").asText();
            assertEquals(200, submit(worker.token(), claimId, "Tagline " + i, "discarded").status());
        }
        String inProgress = claim(worker.token()).json().get("id").asText();

        Response me = get("/v1/worker/me", worker.token());

        assertEquals(200, me.status(), me.body());
        JsonNode view = me.json();
        assertEquals(worker.workerId(), view.get("workerId").asText());
        assertEquals(1, view.get("claims").size());
        assertEquals(inProgress, view.get("claims").get(0).get("id").asText());
        assertEquals(2, view.get("submissions").get("counts").get("SUBMITTED").asInt());
        assertEquals(2, view.get("submissions").get("recent").size());
        assertEquals(60, view.get("earnings").get("pending").get("amount").asLong());
        assertEquals("USD", view.get("earnings").get("pending").get("currency").asText());
        assertEquals(0, view.get("earnings").get("paid").get("amount").asLong());
        assertEquals(0, view.get("payouts").size());

        Response queue = get("/v1/worker/queue", newWorker("it-me", "it-other").token());
        assertEquals(200, queue.status(), queue.body());
        assertEquals(0, queue.json().get("skills").get("it-me").asInt(), "all three are claimed");
    }

    @Test
    void badInputGetsAClearErrorAndNeverA500() {
        readyJob(business, Map.of("skills", List.of("it-bad")), 1);
        String worker = newWorker("it-bad").token();

        assertProblem(401, post("/v1/worker/claims", null, null));
        assertProblem(401, post("/v1/worker/claims", "mjw_not-a-real-token", null));
        assertProblem(401, get("/v1/worker/me", business));
        assertProblem(400, send("POST", "/v1/worker/claims", worker, "{\"skill\":", Map.of()));
        assertProblem(400, post("/v1/worker/claims", worker, Map.of("skill", "not-mine")));
        assertProblem(415, send("POST", "/v1/worker/claims", worker, "skill=x", Map.of("content-type", "text/plain")));

        String claimId = claim(worker).json().get("id").asText();
        assertProblem(400, send("POST", "/v1/worker/claims/" + claimId + "/submit", worker, "[1,2]", Map.of()));
        assertProblem(400, post("/v1/worker/claims/" + claimId + "/submit", worker, Map.of("output", "x", "draftUsed", "kept")));
        assertProblem(400, post("/v1/worker/claims/" + claimId + "/submit", worker, Map.of("draftUsed", "edited")));
        assertProblem(413, submit(worker, claimId, "x".repeat(64 * 1024 + 1), "discarded"));
        assertProblem(404, submit(worker, "not-a-claim", "x", "discarded"));
        assertProblem(404, submit(worker, "clm_" + "é".repeat(30), "x", "discarded"));
        assertEquals(200, submit(worker, claimId, "x".repeat(64 * 1024), "discarded").status(), "64 KB is allowed");
    }

    private static List<String> workers(int count, String skill) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add(newWorker(skill).token());
        }
        return tokens;
    }

    /** What {@code each} answered for every worker, each on a thread of its own, all let go at the same moment. */
    private static <T> List<T> allAtOnce(List<String> workers, Function<String, T> each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> answers = new ArrayList<>();
            for (String worker : workers) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return each.apply(worker);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> answer : answers) {
                results.add(answer.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertProblem(int status, Response response) {
        assertEquals(status, response.status(), response.body());
        assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
    }

    /** Moves a CLAIMED task's lease into the past, as if its worker had walked away two minutes ago. */
    private static void backdateLease(String taskId) {
        Task task = jobs.findTask(taskId).orElseThrow();
        Instant now = Instant.now();
        Claim claim = task.claim();
        Claim lapsed = new Claim(claim.claimId(), claim.workerId(), now.minusSeconds(120), now.minusSeconds(60));
        Task expired = new Task(task.id(), task.jobId(), task.businessId(), task.inputIndex(), task.state(), task.input(),
                task.reward(), task.fee(), task.draft(), lapsed, task.submission(), task.approvedAt(), task.createdAt(),
                now, task.version() + 1);
        assertTrue(tasks.transition(task, expired));
    }
}
