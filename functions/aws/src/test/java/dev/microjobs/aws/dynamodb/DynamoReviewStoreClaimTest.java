package dev.microjobs.aws.dynamodb;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.microjobs.core.domain.Claim;
import dev.microjobs.core.domain.Draft;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.review.ClaimOutcome;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The claim's writes under the faults of a chaos run, where a task once went without a worker for
 * nine minutes: each time its lease ran out, the claim that took it over wrote the task and then
 * failed (its write timed out after reaching the service, or deleting the previous holder's mark
 * was throttled), so it stayed held for another lease under a claim nobody was told.
 */
class DynamoReviewStoreClaimTest {
    private static final IdGenerator IDS = new IdGenerator(Clock.systemUTC());
    private static final Instant AT = Instant.parse("2026-11-22T09:19:31Z");

    private final FaultyTable table = new FaultyTable();
    private final DynamoReviewStore store = store(table);

    @Test
    void aTaskWriteThatTimedOutAfterReachingTheServiceStillClaimsWhenTheTaskIsHeldUnderTheClaim() {
        Task before = ready();
        Task after = before.claim(claim(), AT);
        table.stored = before;
        table.taskWriteTimesOutAfterApplying = true;

        assertEquals(ClaimOutcome.CLAIMED, store.claim(before, after, AT.plusSeconds(86_400)).outcome());
        assertEquals(1, table.claimItems().size(), "the claim is recorded, so its worker can hand in");
    }

    @Test
    void takingOverAnExpiredLeaseClaimsEvenWhenThePreviousHoldersMarkCannotBeDeleted() {
        Task before = ready().claim(new Claim(IDS.next(IdType.CLAIM), IDS.next(IdType.WORKER), AT.minusSeconds(60), AT), AT.minusSeconds(60));
        Task after = before.transition(TaskState.READY, AT).claim(claim(), AT);
        table.stored = before;
        table.markDeletesThrottled = true;

        assertEquals(ClaimOutcome.CLAIMED, store.claim(before, after, AT.plusSeconds(86_400)).outcome());
        assertEquals(1, table.claimItems().size(), "the claim is recorded, so its worker can hand in");
    }

    @Test
    void aTaskWriteThatFailedBeforeReachingTheServiceFailsTheClaim() {
        Task before = ready();
        Task after = before.claim(claim(), AT);
        table.stored = before;
        DynamoDbException throttled = throttled();
        table.taskWriteFailure = throttled;

        assertSame(throttled, assertThrows(DynamoDbException.class, () -> store.claim(before, after, AT.plusSeconds(86_400))));
        assertEquals(List.of(), table.claimItems());
    }

    private static DynamoReviewStore store(DynamoDbClient dynamo) {
        TableConfiguration configuration = new TableConfiguration();
        configuration.setName("microjobs");
        TaskItems taskItems = new TaskItems();
        DynamoTaskStore tasks = new DynamoTaskStore(dynamo, configuration, taskItems);
        return new DynamoReviewStore(dynamo, configuration, taskItems, new DynamoAccountStore(dynamo, configuration),
                new DynamoJobStore(dynamo, configuration, taskItems, tasks, new IdempotencyItems(dynamo, configuration, Clock.systemUTC())), tasks);
    }

    private static Task ready() {
        return new Task(IDS.next(IdType.TASK), IDS.next(IdType.JOB), IDS.next(IdType.BUSINESS),
                0, TaskState.READY, new TextNode("input"), new Money(25, "USD"), new Money(5, "USD"),
                Draft.none(DraftProviderName.NONE, "drafting is off", AT), null, null, null, AT, AT, 2);
    }

    private static Claim claim() {
        return new Claim(IDS.next(IdType.CLAIM), IDS.next(IdType.WORKER), AT, AT.plusSeconds(60));
    }

    private static DynamoDbException throttled() {
        return (DynamoDbException) DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
                .message("Rate of requests exceeds the allowed throughput").build();
    }

    /** One task item, the claim's puts, and writes failing the way the chaos run's fault injector does. */
    private static final class FaultyTable implements DynamoDbClient {
        private final TaskItems taskItems = new TaskItems();
        private final List<Map<String, AttributeValue>> puts = new ArrayList<>();
        Task stored;
        boolean taskWriteTimesOutAfterApplying;
        RuntimeException taskWriteFailure;
        boolean markDeletesThrottled;

        @Override
        public PutItemResponse putItem(PutItemRequest request) {
            puts.add(request.item());
            return PutItemResponse.builder().build();
        }

        @Override
        public UpdateItemResponse updateItem(UpdateItemRequest request) {
            if (taskWriteFailure != null) {
                throw taskWriteFailure;
            }
            if (taskWriteTimesOutAfterApplying) {
                stored = taskAfter(request);
                throw ApiCallTimeoutException.create("UpdateItem timed out after it reached the service", null);
            }
            stored = taskAfter(request);
            return UpdateItemResponse.builder().build();
        }

        @Override
        public DeleteItemResponse deleteItem(DeleteItemRequest request) {
            if (markDeletesThrottled) {
                throw throttled();
            }
            return DeleteItemResponse.builder().build();
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            return stored == null ? GetItemResponse.builder().build()
                    : GetItemResponse.builder().item(taskItems.toItem(stored, Set.of()).attributes()).build();
        }

        List<Map<String, AttributeValue>> claimItems() {
            return puts.stream().filter(item -> item.get(Item.PK).s().startsWith(DynamoReviewStore.CLAIM_PREFIX)).toList();
        }

        /** The claimed task the update writes: its state, version and claim are what a claim sets. */
        private Task taskAfter(UpdateItemRequest request) {
            Map<String, AttributeValue> values = request.expressionAttributeValues();
            Task base = stored;
            Claim claim = TaskDocuments.readClaim(values.get(":claim").s());
            return new Task(base.id(), base.jobId(), base.businessId(), base.inputIndex(),
                    TaskState.valueOf(values.get(":state").s()), base.input(), base.reward(), base.fee(), base.draft(),
                    claim, base.submission(), base.approvedAt(), base.createdAt(), AT, Long.parseLong(values.get(":version").n()));
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }
}
