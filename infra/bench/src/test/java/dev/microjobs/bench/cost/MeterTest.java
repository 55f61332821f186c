package dev.microjobs.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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
        meter.dynamoDb("PutItem", true, 0, 5, 9_000_000);
        meter.start();
        meter.dynamoDb("PutItem", true, 0, 2, 4_000_000);
        meter.dynamoDb("PutItem", false, 0, 1, 2_500_000);
        meter.stop();
        meter.dynamoDb("PutItem", true, 0, 7, 8_000_000);

        Usage.Operation put = meter.usage().of("dynamodb").get(0);
        assertEquals(2, put.requests());
        assertEquals(1, put.failed());
        assertEquals(3, put.writeUnits());
        assertEquals(2, put.latency().count(), "the requests counted, and only they, are timed");
        assertEquals(2.5, put.latency().p50());
        assertEquals(4.0, put.latency().max());
    }

    @Test
    void emptyReceivesAreIdleNotBilledPerTask() {
        Meter meter = new Meter();
        meter.start();
        meter.sqs("ReceiveMessage", true, 100, true, 1_000_000_000);
        meter.sqs("ReceiveMessage", true, 70_000, false, 3_000_000);
        meter.sqs("SendMessageBatch", true, 1_000, false, 2_000_000);

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
        meter.invocation("ReviewFunction", 1024, 1_000_001, true);
        meter.invocation("ReviewFunction", 1024, 2_000_000, false);

        Usage usage = meter.usage();
        Usage.Function review = usage.functions().get(0);
        assertEquals(2, review.invocations());
        assertEquals(4, review.billedMillis());
        assertEquals(0.004, review.gigabyteSeconds(), 1e-12);
        assertEquals(1, usage.apiRequests());
    }
}
