package dev.microjobs.aws.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SqsBatchTest {
    private final ExecutorService workers = SqsBatch.newWorkers("test");

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Test
    void eachKeyIsWorkedOnceForAllItsMessages() {
        Map<String, AtomicInteger> worked = new ConcurrentHashMap<>();

        SQSBatchResponse response = SqsBatch.processOncePerKey(batch("worker-a", "worker-b", "worker-a", "worker-a"),
                workers, SQSEvent.SQSMessage::getBody,
                key -> worked.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet());

        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(1, worked.get("worker-a").get());
        assertEquals(1, worked.get("worker-b").get());
    }

    @Test
    void differentKeysAreWorkedAtOnce() {
        CountDownLatch bothStarted = new CountDownLatch(2);

        SQSBatchResponse response = SqsBatch.processOncePerKey(batch("worker-a", "worker-b"), workers,
                SQSEvent.SQSMessage::getBody, key -> {
                    bothStarted.countDown();
                    try {
                        // Worked one after the other, the first would wait here for the second in vain.
                        assertTrue(bothStarted.await(10, TimeUnit.SECONDS), "the other key was not worked meanwhile");
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });

        assertEquals(List.of(), response.getBatchItemFailures());
    }

    @Test
    void theMessagesOfAFailedKeyAllFailAndNoOthers() {
        SQSBatchResponse response = SqsBatch.processOncePerKey(batch("worker-a", "worker-b", "worker-a"), workers,
                SQSEvent.SQSMessage::getBody, key -> {
                    if (key.equals("worker-a")) {
                        throw new IllegalStateException("the provider refused");
                    }
                });

        assertEquals(List.of("m0", "m2"), failedIds(response));
    }

    @Test
    void aMessageWhoseKeyCannotBeReadFailsAlone() {
        AtomicInteger worked = new AtomicInteger();

        SQSBatchResponse response = SqsBatch.processOncePerKey(batch("worker-a", "not a payout request"), workers,
                message -> {
                    if (!message.getBody().startsWith("worker-")) {
                        throw new IllegalArgumentException("not a payout request");
                    }
                    return message.getBody();
                },
                key -> worked.incrementAndGet());

        assertEquals(List.of("m1"), failedIds(response));
        assertEquals(1, worked.get());
    }

    private static SQSEvent batch(String... bodies) {
        SQSEvent event = new SQSEvent();
        event.setRecords(IntStream.range(0, bodies.length).mapToObj(i -> {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + i);
            message.setBody(bodies[i]);
            return message;
        }).toList());
        return event;
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .sorted().toList();
    }
}
