package dev.microjobs.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import org.junit.jupiter.api.Test;

class MeterTest {

    @Test
    void sqsPayloadsAreBilledIn64KbChunks() {
        assertEquals(1, Meter.chunks(0));
        assertEquals(1, Meter.chunks(65_536));
        assertEquals(2, Meter.chunks(65_537));
        assertEquals(4, Meter.chunks(256 * 1024));
    }

    @Test
    void countsOnlyWhileStartedAndForgetsOnStart() {
        Meter meter = new Meter();
        meter.dynamoDb("IntakeFunction", "PutItem", true, 0, 5, 9_000_000);
        meter.start();
        meter.dynamoDb("IntakeFunction", "PutItem", true, 0, 2, 4_000_000);
        meter.dynamoDb("IntakeFunction", "PutItem", false, 0, 1, 2_500_000);
        meter.stop();
        meter.dynamoDb("IntakeFunction", "PutItem", true, 0, 7, 8_000_000);

        Usage.Operation put = meter.usage().of("dynamodb").get(0);
        assertEquals(2, put.requests());
        assertEquals(1, put.failed());
        assertEquals(3, put.writeUnits());
        assertEquals(2, put.latency().count(), "the requests counted, and only they, are timed");
        assertEquals(2.5, put.latency().p50());
        assertEquals(4.0, put.latency().max());
    }

    @Test
    void stopCountsTheRequestsAlreadyAnsweredOnceTheyAreMetered() throws Exception {
        Meter meter = new Meter();
        meter.start();
        meter.answering();
        Thread metering = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            meter.dynamoDb("PayoutsFunction", "TransactWriteItems", true, 0, 12, 30_000_000);
            meter.metered();
        });
        metering.start();

        meter.stop();

        assertEquals(12, meter.usage().of("dynamodb").get(0).writeUnits(), "answered before the stop, metered after it");
        metering.join();
    }

    @Test
    void emptyReceivesAreIdleNotBilledPerTask() {
        Meter meter = new Meter();
        meter.start();
        meter.sqs("DraftsFunction", "ReceiveMessage", true, 100, true, 1_000_000_000);
        meter.sqs("DraftsFunction", "ReceiveMessage", true, 70_000, false, 3_000_000);
        meter.sqs("DraftsFunction", "SendMessageBatch", true, 1_000, false, 2_000_000);

        List<Usage.Operation> sqs = meter.usage().of("sqs");
        Usage.Operation receive = sqs.stream().filter(o -> o.operation().equals("ReceiveMessage")).findFirst().orElseThrow();
        assertEquals(2, receive.requests());
        assertEquals(1, receive.idle());
        assertEquals(2, receive.billedRequests(), "one receive of two chunks");
    }

    @Test
    void invocationsAreBilledPerMillisecondRoundedUp() {
        Meter meter = new Meter();
        meter.start();
        meter.invocation("ReviewFunction", 1024, "POST /v1/worker/claims", 1_000_001, true);
        meter.invocation("ReviewFunction", 1024, "SQS microjobs-review", 2_000_000, false);

        Usage usage = meter.usage();
        Usage.Function review = usage.functions().get(0);
        assertEquals(2, review.invocations());
        assertEquals(4, review.billedMillis());
        assertEquals(0.004, review.gigabyteSeconds(), 1e-12);
        assertEquals(1, usage.apiRequests());
    }

    @Test
    void billedTimeIsKeptPerFunctionAndTriggerMostBilledFirst() {
        Meter meter = new Meter();
        meter.start();
        meter.invocation("ReviewFunction", 1024, "POST /v1/worker/claims", 10_000_000, true);
        meter.invocation("ReviewFunction", 1024, "POST /v1/worker/claims", 30_000_000, true);
        meter.invocation("ReviewFunction", 1024, "POST /v1/jobs/{id}/approve", 25_000_000, true);

        List<Usage.Trigger> triggers = meter.usage().triggers();
        assertEquals(List.of("POST /v1/worker/claims", "POST /v1/jobs/{id}/approve"),
                triggers.stream().map(Usage.Trigger::trigger).toList());
        Usage.Trigger claims = triggers.get(0);
        assertEquals("ReviewFunction", claims.function());
        assertEquals(40, claims.billedMillis());
        assertEquals(2, claims.duration().count());
        assertEquals(10.0, claims.duration().p50());
    }

    @Test
    void aTriggerIsTheRouteOfAnHttpEventAndTheQueueOfAnSqsBatch() {
        APIGatewayV2HTTPEvent request = new APIGatewayV2HTTPEvent();
        request.setRouteKey("POST /v1/worker/claims");
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:microjobs-drafts");
        SQSEvent batch = new SQSEvent();
        batch.setRecords(List.of(message));

        assertEquals("POST /v1/worker/claims", Meter.trigger(request));
        assertEquals("SQS microjobs-drafts", Meter.trigger(batch));
        assertEquals("ScheduledEvent", Meter.trigger(new ScheduledEvent()));
    }

    @Test
    void requestsAreKeptPerCallerWithoutIdleReceives() {
        Meter meter = new Meter();
        meter.start();
        meter.dynamoDb("ReviewFunction", "UpdateItem", true, 0, 2, 1_000_000);
        meter.dynamoDb("ReviewFunction", "UpdateItem", false, 0, 1, 1_000_000);
        meter.dynamoDb("IntakeFunction", "UpdateItem", true, 0, 5, 1_000_000);
        meter.sqs(MeteringProxy.NO_FUNCTION, "ReceiveMessage", true, 100, true, 1_000_000);

        List<Usage.CallerOperation> byCaller = meter.usage().byCaller();
        assertEquals(List.of("IntakeFunction", "ReviewFunction"), byCaller.stream().map(Usage.CallerOperation::caller).toList());
        assertEquals(2, byCaller.get(1).requests());
        assertEquals(3.0, byCaller.get(1).writeUnits());
    }
}
