package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.microjobs.aws.dynamodb.DynamoAccountStore;
import dev.microjobs.aws.dynamodb.DynamoJobStore;
import dev.microjobs.aws.dynamodb.DynamoReviewStore;
import dev.microjobs.aws.dynamodb.DynamoTaskStore;
import dev.microjobs.aws.dynamodb.IdempotencyItems;
import dev.microjobs.aws.dynamodb.TableConfiguration;
import dev.microjobs.aws.dynamodb.TaskItems;
import dev.microjobs.core.domain.Claim;
import dev.microjobs.core.domain.Draft;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobStatus;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.review.ClaimOutcome;
import dev.microjobs.core.review.ClaimRecord;
import dev.microjobs.local.aws.EmbeddedDynamoDb;
import dev.microjobs.local.aws.TableCreator;
import dev.microjobs.local.template.Template;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claim's writes on DynamoDB Local under the faults of a chaos run, where a task once went
 * without a worker for nine minutes: each time its lease ran out, the claim that took it over
 * wrote the task and then failed (its write timed out after reaching the service, or deleting the
 * previous holder's mark was throttled), so the task stayed held for another lease under a claim
 * nobody was told.
 *
 * <p>Only DynamoDB Local with the template's table is started, not the whole stack: the store
 * is built here on an SDK client whose {@link OneFault} fails exactly one chosen call.
 */
class ClaimWriteFailuresIT {
    private static final Path TEMPLATE = Path.of("../../template.yaml");
    private static final String TABLE = "microjobs-claim-write-failures";
    private static final IdGenerator IDS = new IdGenerator(Clock.systemUTC());
    // Whole seconds, so that a task read back equals the one written.
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** As for an input with siblings, whose claims put and clear marks. */
    private static final Optional<Instant> MARK_UNTIL = Optional.of(NOW.plus(Duration.ofDays(1)));

    private static final OneFault FAULT = new OneFault();
    private static EmbeddedDynamoDb dynamoDbLocal;
    private static DynamoDbClient dynamo;
    private static DynamoJobStore jobs;
    private static DynamoReviewStore store;

    @BeforeAll
    static void startDynamoDbLocalWithTheTemplatesTable() {
        dynamoDbLocal = EmbeddedDynamoDb.start(0, Optional.empty());
        dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("it", "it")))
                .endpointOverride(URI.create(dynamoDbLocal.endpoint()))
                .overrideConfiguration(configuration -> configuration.addExecutionInterceptor(FAULT))
                .build();
        new TableCreator(dynamo).create(Template.load(TEMPLATE).tables().get("MicrojobsTable"), TABLE);
        TableConfiguration table = new TableConfiguration();
        table.setName(TABLE);
        TaskItems taskItems = new TaskItems();
        DynamoTaskStore tasks = new DynamoTaskStore(dynamo, table, taskItems);
        jobs = new DynamoJobStore(dynamo, table, taskItems, tasks, new IdempotencyItems(dynamo, table, Clock.systemUTC()));
        store = new DynamoReviewStore(dynamo, table, taskItems, new DynamoAccountStore(dynamo, table), jobs, tasks);
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        if (dynamo != null) {
            dynamo.close();
        }
        if (dynamoDbLocal != null) {
            dynamoDbLocal.close();
        }
    }

    /**
     * Each test plans one fault: one never injected means the claim did not go the way the test
     * says it tests. Disarming also keeps it from failing a call of the next test.
     */
    @AfterEach
    void theFaultWasInjected() {
        assertTrue(FAULT.disarm(), "the planned fault was never injected, so the test tested nothing");
    }

    @Test
    void aTaskWriteThatTimedOutAfterReachingTheServiceStillClaimsWhenTheTaskIsHeldUnderTheClaim() {
        Task before = storedReadyTask();
        Claim claim = newClaim();
        FAULT.failAfterSend(taskUpdate(before),
                ApiCallTimeoutException.create("UpdateItem timed out after it reached the service (injected)", null));

        assertEquals(ClaimOutcome.CLAIMED, store.claim(before, before.claim(claim, NOW), MARK_UNTIL).outcome());
        assertEquals(Optional.of(recordOf(claim, before)), store.findClaim(claim.claimId()),
                "the claim is recorded, so its worker can hand in");
    }

    @Test
    void takingOverAnExpiredLeaseClaimsEvenWhenThePreviousHoldersMarkCannotBeDeleted() {
        Task ready = storedReadyTask();
        Claim expired = new Claim(IDS.next(IdType.CLAIM), IDS.next(IdType.WORKER), NOW.minusSeconds(600), NOW.minusSeconds(60));
        Task heldUnderExpiredLease = ready.claim(expired, expired.claimedAt());
        assertEquals(ClaimOutcome.CLAIMED, store.claim(ready, heldUnderExpiredLease, MARK_UNTIL).outcome());
        Claim takeOver = newClaim();
        FAULT.failBeforeSend(markDelete(heldUnderExpiredLease, expired.workerId()), throttled());

        Task taken = heldUnderExpiredLease.transition(TaskState.READY, NOW).claim(takeOver, NOW);
        assertEquals(ClaimOutcome.CLAIMED, store.claim(heldUnderExpiredLease, taken, MARK_UNTIL).outcome());
        assertEquals(Optional.of(recordOf(takeOver, ready)), store.findClaim(takeOver.claimId()),
                "the claim is recorded, so its worker can hand in");
        assertEquals(Optional.of(taken), jobs.findTask(ready.id()));
        assertTrue(hasMark(ready, expired.workerId()),
                "the previous holder's mark stays, as after a crash: it only keeps them off the input");
    }

    @Test
    void aTaskWriteThatFailedBeforeReachingTheServiceFailsTheClaim() {
        Task before = storedReadyTask();
        Claim claim = newClaim();
        DynamoDbException throttled = throttled();
        FAULT.failBeforeSend(taskUpdate(before), throttled);

        assertSame(throttled, assertThrows(DynamoDbException.class,
                () -> store.claim(before, before.claim(claim, NOW), MARK_UNTIL)));
        assertEquals(Optional.of(before), jobs.findTask(before.id()), "the task is as it was");
        assertEquals(Optional.empty(), store.findClaim(claim.claimId()));
    }

    @Test
    void aClaimRecordWriteThatFailsLeavesTheTaskFree() {
        Task before = storedReadyTask();
        Claim claim = newClaim();
        DynamoDbException throttled = throttled();
        FAULT.failBeforeSend(claimRecordPut(claim), throttled);

        assertSame(throttled, assertThrows(DynamoDbException.class,
                () -> store.claim(before, before.claim(claim, NOW), MARK_UNTIL)));
        assertEquals(Optional.of(before), jobs.findTask(before.id()), "the task was never touched, so it stays READY");
        assertFalse(hasMark(before, claim.workerId()), "the mark is taken back, so the worker may get this input later");
    }

    @Test
    void aClaimRecordWriteThatTimedOutAfterReachingTheServiceLeavesTheTaskFreeAndNoClaimListed() {
        Task before = storedReadyTask();
        Claim claim = newClaim();
        ApiCallTimeoutException timedOut =
                ApiCallTimeoutException.create("PutItem timed out after it reached the service (injected)", null);
        FAULT.failAfterSend(claimRecordPut(claim), timedOut);

        assertSame(timedOut, assertThrows(ApiCallTimeoutException.class,
                () -> store.claim(before, before.claim(claim, NOW), MARK_UNTIL)));
        assertEquals(Optional.of(before), jobs.findTask(before.id()), "the task was never touched, so it stays READY");
        assertFalse(hasMark(before, claim.workerId()));
        assertEquals(Optional.empty(), store.findClaim(claim.claimId()), "the record DynamoDB applied is taken back");
        assertEquals(List.of(), store.claimsSince(claim.workerId(), NOW.minus(Duration.ofHours(2))));
    }

    @Test
    void aLostRaceWhoseMarkCannotBeDeletedAnswersTaskChanged() {
        Task before = storedReadyTask();
        Task winner = before.claim(newClaim(), NOW);
        assertEquals(ClaimOutcome.CLAIMED, store.claim(before, winner, MARK_UNTIL).outcome());
        Claim late = newClaim();
        FAULT.failBeforeSend(markDelete(before, late.workerId()), throttled());

        var result = store.claim(before, before.claim(late, NOW), MARK_UNTIL);
        assertEquals(ClaimOutcome.TASK_CHANGED, result.outcome());
        assertEquals(Optional.of(winner), result.taskNow(), "the winner's claim, from the failed write");
        assertEquals(Optional.empty(), store.findClaim(late.claimId()), "no claim record for a claim that lost");
    }

    /** A READY task of a new one-input job, written as the drafts consumer writes it. */
    private static Task storedReadyTask() {
        Job job = new Job(IDS.next(IdType.JOB), IDS.next(IdType.BUSINESS), JobType.TAGLINE, "Taglines for Acme",
                "Five words at most.", new Money(25, "USD"), new Money(5, "USD"), 1, 1, Set.of(),
                new Job.DraftSettings(DraftProviderName.NONE, null), null, 60, 86_400,
                NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(7)), JobStatus.OPEN);
        Task ready = Task.create(IDS.next(IdType.TASK), job, 0, new TextNode("coffee"), job.createdAt())
                .ready(Draft.none(DraftProviderName.NONE, "drafting is off", job.createdAt()), job.createdAt());
        jobs.addNewTasks(job, List.of(ready));
        return ready;
    }

    private static Claim newClaim() {
        return new Claim(IDS.next(IdType.CLAIM), IDS.next(IdType.WORKER), NOW, NOW.plusSeconds(60));
    }

    private static ClaimRecord recordOf(Claim claim, Task task) {
        return new ClaimRecord(claim.claimId(), task.id(), claim.workerId(), claim.claimedAt());
    }

    private static Predicate<SdkRequest> taskUpdate(Task task) {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("TASK#" + task.id()), "sk", AttributeValue.fromS("TASK"));
        return request -> request instanceof UpdateItemRequest update && update.key().equals(key);
    }

    private static Predicate<SdkRequest> claimRecordPut(Claim claim) {
        AttributeValue claimPartition = AttributeValue.fromS("CLAIM#" + claim.claimId());
        return request -> request instanceof PutItemRequest put && claimPartition.equals(put.item().get("pk"));
    }

    private static boolean hasMark(Task task, String workerId) {
        return dynamo.getItem(get -> get.tableName(TABLE).key(markKey(task, workerId))).hasItem();
    }

    private static Predicate<SdkRequest> markDelete(Task task, String workerId) {
        Map<String, AttributeValue> key = markKey(task, workerId);
        return request -> request instanceof DeleteItemRequest delete && delete.key().equals(key);
    }

    /** The worker's mark on the task's input, which keeps them off its sibling tasks. */
    private static Map<String, AttributeValue> markKey(Task task, String workerId) {
        return Map.of("pk", AttributeValue.fromS("WORKED#" + task.jobId() + "#" + task.inputIndex()),
                "sk", AttributeValue.fromS("WORKER#" + workerId));
    }

    /** What DynamoDB answers when throttling outlasts the SDK's retries, as FaultInjectionInterceptor makes it. */
    private static DynamoDbException throttled() {
        String message = "Rate of requests exceeds the allowed throughput (injected)";
        return (DynamoDbException) DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("DynamoDb")
                        .errorCode("ProvisionedThroughputExceededException").errorMessage(message).build())
                .message(message).build();
    }

    /**
     * Fails the first call that matches what a test planned, once, the two ways the chaos runs'
     * FaultInjectionInterceptor does: before it is sent, so DynamoDB never sees it, or after
     * DynamoDB Local has applied it and answered, so the caller cannot tell that it happened.
     */
    private static final class OneFault implements ExecutionInterceptor {
        private static final ExecutionAttribute<RuntimeException> FAILS_AFTER_SEND = new ExecutionAttribute<>("ClaimWriteFailuresIT.failsAfterSend");

        private record Planned(Predicate<SdkRequest> call, boolean afterSend, RuntimeException failure) {
        }

        private Planned planned;
        private boolean injected;

        synchronized void failBeforeSend(Predicate<SdkRequest> call, RuntimeException failure) {
            plan(new Planned(call, false, failure));
        }

        synchronized void failAfterSend(Predicate<SdkRequest> call, RuntimeException failure) {
            plan(new Planned(call, true, failure));
        }

        private void plan(Planned fault) {
            planned = fault;
            injected = false;
        }

        /** @return whether the planned fault was injected */
        synchronized boolean disarm() {
            boolean wasInjected = injected;
            planned = null;
            injected = false;
            return wasInjected;
        }

        @Override
        public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (injected || planned == null || !planned.call().test(context.request())) {
                return;
            }
            injected = true;
            if (!planned.afterSend()) {
                throw planned.failure();
            }
            attributes.putAttribute(FAILS_AFTER_SEND, planned.failure());
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            RuntimeException failure = attributes.getAttribute(FAILS_AFTER_SEND);
            if (failure != null) {
                throw failure;
            }
        }
    }
}
