package dev.microjobs.bench.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.microjobs.local.lambda.FunctionHost;
import dev.microjobs.local.lambda.LocalFunction;
import dev.microjobs.local.template.FunctionDef;
import dev.microjobs.local.template.PseudoParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ChaosFunctionHostTest {

    private static final FunctionDef FUNCTION = new FunctionDef("Fn", "x.Handler", "", 3, 128, List.of(), List.of());

    /** Every message the function was handed, from any invocation. */
    private final List<SQSEvent.SQSMessage> handled = new CopyOnWriteArrayList<>();
    private final List<Object> invocations = new CopyOnWriteArrayList<>();

    private final FunctionHost recording = (definition, environment, account) -> new LocalFunction() {
        @Override
        public FunctionDef definition() {
            return definition;
        }

        @Override
        public JsonNode invoke(Object event) {
            invocations.add(event);
            if (event instanceof SQSEvent batch) {
                handled.addAll(batch.getRecords());
            }
            return new TextNode("done");
        }
    };

    @Test
    void withoutSharesItOnlyPassesInvocationsOn() throws Exception {
        try (ChaosFunctionHost host = new ChaosFunctionHost(recording, 0, 0, new SplittableRandom(1))) {
            LocalFunction function = host.create(FUNCTION, Map.of(), PseudoParameters.LOCAL);
            for (int i = 0; i < 20; i++) {
                assertEquals("done", function.invoke(batch(10)).asText());
            }
            assertEquals(200, handled.size());
            assertEquals(0, host.duplicateDeliveries());
            assertEquals(0, host.crashesBeforeAck());
        }
    }

    @Test
    void aDuplicateIsTheSameMessageWithItsOwnReceiptHandle() throws Exception {
        try (ChaosFunctionHost host = new ChaosFunctionHost(recording, 0, 1, new SplittableRandom(1))) {
            SQSEvent event = batch(3);
            host.create(FUNCTION, Map.of(), PseudoParameters.LOCAL).invoke(event);

            assertEquals(3, host.duplicateDeliveries());
            assertEquals(6, handled.size());
            assertEquals(2, invocations.size(), "the copies come in an invocation of their own");
            for (SQSEvent.SQSMessage original : event.getRecords()) {
                List<SQSEvent.SQSMessage> deliveries = handled.stream()
                        .filter(message -> message.getMessageId().equals(original.getMessageId())).toList();
                assertEquals(2, deliveries.size());
                assertEquals(deliveries.get(0).getBody(), deliveries.get(1).getBody());
                assertNotEquals(deliveries.get(0).getReceiptHandle(), deliveries.get(1).getReceiptHandle());
            }
        }
    }

    @Test
    void aCrashBeforeTheAcknowledgementComesAfterTheWorkIsDone() throws Exception {
        try (ChaosFunctionHost host = new ChaosFunctionHost(recording, 1, 0, new SplittableRandom(1))) {
            LocalFunction function = host.create(FUNCTION, Map.of(), PseudoParameters.LOCAL);
            APIGatewayV2HTTPEvent request = new APIGatewayV2HTTPEvent();

            assertThrows(ChaosFunctionHost.CrashBeforeAcknowledgement.class, () -> function.invoke(request));

            assertSame(request, invocations.get(0));
            assertEquals(1, host.crashesBeforeAck());
        }
    }

    @Test
    void sharesAreRoughlyKeptAndASeedRepeatsTheChoices() throws Exception {
        long[] first = run(7);
        assertEquals(first[0], run(7)[0]);
        assertEquals(first[1], run(7)[1]);
        assertTrue(first[0] > 1000 * 0.07 && first[0] < 1000 * 0.13, first[0] + " duplicates of 1,000 messages at 10%");
        assertTrue(first[1] > 0 && first[1] < 100 * 0.08, first[1] + " crashes of 100 invocations at 2%");
    }

    private long[] run(long seed) throws Exception {
        try (ChaosFunctionHost host = new ChaosFunctionHost(recording, 0.02, 0.10, new SplittableRandom(seed))) {
            LocalFunction function = host.create(FUNCTION, Map.of(), PseudoParameters.LOCAL);
            for (int i = 0; i < 100; i++) {
                try {
                    function.invoke(batch(10));
                } catch (ChaosFunctionHost.CrashBeforeAcknowledgement expected) {
                    // counted by the host
                }
            }
            return new long[] {host.duplicateDeliveries(), host.crashesBeforeAck()};
        }
    }

    private static SQSEvent batch(int size) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + i + "-" + System.nanoTime());
            message.setReceiptHandle("r" + i);
            message.setBody("{\"n\":" + i + "}");
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }
}
