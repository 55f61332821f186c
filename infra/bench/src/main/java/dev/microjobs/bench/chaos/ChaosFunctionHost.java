package dev.microjobs.bench.chaos;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.local.lambda.FunctionHost;
import dev.microjobs.local.lambda.LocalFunction;
import dev.microjobs.local.template.FunctionDef;
import dev.microjobs.local.template.PseudoParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Runs the functions where {@code delegate} runs them, with the two faults that belong to where
 * Lambda sits rather than to the code:
 * <ul>
 *   <li><b>crash before the acknowledgement</b>: a share of invocations run to the end and then fail
 *       instead of answering, so their work is done but the answer is lost: SQS redelivers the whole
 *       batch after its visibility timeout, an HTTP client gets a 500 and sends again;
 *   <li><b>duplicate SQS deliveries</b>: each SQS message is, with a share, delivered a second time
 *       (same message id and body, another receipt handle) in a concurrent invocation, as SQS's
 *       at-least-once delivery does when two hosts hold a copy of a message.
 * </ul>
 */
public final class ChaosFunctionHost implements FunctionHost, AutoCloseable {

    /** The invocation did its work and then died before its answer reached the caller. */
    public static final class CrashBeforeAcknowledgement extends Exception {
        CrashBeforeAcknowledgement(String function) {
            super(function + " crashed before acknowledging (injected)", null, false, false);
        }
    }

    private final FunctionHost delegate;
    private final double crashBeforeAckShare;
    private final double duplicateShare;
    private final RandomGenerator random;
    private final ExecutorService duplicates = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "chaos-duplicate-delivery");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong crashesBeforeAck = new AtomicLong();
    private final AtomicLong duplicateDeliveries = new AtomicLong();

    public ChaosFunctionHost(FunctionHost delegate, double crashBeforeAckShare, double duplicateShare, RandomGenerator random) {
        this.delegate = delegate;
        this.crashBeforeAckShare = crashBeforeAckShare;
        this.duplicateShare = duplicateShare;
        this.random = random;
    }

    public long crashesBeforeAck() {
        return crashesBeforeAck.get();
    }

    public long duplicateDeliveries() {
        return duplicateDeliveries.get();
    }

    @Override
    public LocalFunction create(FunctionDef definition, Map<String, String> environment, PseudoParameters account) {
        LocalFunction function = delegate.create(definition, environment, account);
        return new LocalFunction() {
            @Override
            public FunctionDef definition() {
                return function.definition();
            }

            @Override
            public JsonNode invoke(Object event) throws Exception {
                CompletableFuture<Void> copies = event instanceof SQSEvent batch ? deliverSomeAgain(function, batch)
                        : CompletableFuture.completedFuture(null);
                try {
                    JsonNode answer = function.invoke(event);
                    if (draw(crashBeforeAckShare)) {
                        crashesBeforeAck.incrementAndGet();
                        throw new CrashBeforeAcknowledgement(function.name());
                    }
                    return answer;
                } finally {
                    // The copies' outcome is theirs: in SQS a failed copy is simply delivered once more.
                    copies.exceptionally(failure -> null).join();
                }
            }

            @Override
            public void close() throws Exception {
                function.close();
            }
        };
    }

    private CompletableFuture<Void> deliverSomeAgain(LocalFunction function, SQSEvent batch) {
        List<SQSEvent.SQSMessage> again = new ArrayList<>();
        for (SQSEvent.SQSMessage message : batch.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : batch.getRecords()) {
            if (draw(duplicateShare)) {
                again.add(anotherCopy(message));
            }
        }
        if (again.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        duplicateDeliveries.addAndGet(again.size());
        SQSEvent copy = new SQSEvent();
        copy.setRecords(again);
        return CompletableFuture.runAsync(() -> {
            try {
                function.invoke(copy);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, duplicates);
    }

    /** The same message as a second receive would return it: same id and body, its own receipt handle. */
    static SQSEvent.SQSMessage anotherCopy(SQSEvent.SQSMessage message) {
        SQSEvent.SQSMessage copy = new SQSEvent.SQSMessage();
        copy.setMessageId(message.getMessageId());
        copy.setReceiptHandle(UUID.randomUUID().toString());
        copy.setBody(message.getBody());
        copy.setMd5OfBody(message.getMd5OfBody());
        copy.setMd5OfMessageAttributes(message.getMd5OfMessageAttributes());
        copy.setEventSourceArn(message.getEventSourceArn());
        copy.setEventSource(message.getEventSource());
        copy.setAwsRegion(message.getAwsRegion());
        copy.setAttributes(message.getAttributes());
        copy.setMessageAttributes(message.getMessageAttributes());
        return copy;
    }

    private synchronized boolean draw(double share) {
        return share > 0 && random.nextDouble() < share;
    }

    @Override
    public void close() {
        duplicates.shutdownNow();
    }
}
