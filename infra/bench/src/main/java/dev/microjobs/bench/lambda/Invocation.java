package dev.microjobs.bench.lambda;

import java.util.concurrent.CompletableFuture;

/**
 * One event handed to a function process, and what came back: the response body, or an error
 * (the handler's exception, an init error, or the process going away).
 */
public final class Invocation {

    /**
     * What the runtime posted, with {@link System#nanoTime()} when it arrived, and how long the
     * environment ran the event: from handing it over on {@code /next} to the answer, which is the
     * duration Lambda bills (0 if it was never handed over).
     */
    public record Outcome(boolean error, byte[] body, String errorMessage, long atNanos, long runNanos) {
    }

    private final String requestId;
    private final byte[] event;
    private final long deadlineMillis;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final CompletableFuture<Long> handedOver = new CompletableFuture<>();

    Invocation(String requestId, byte[] event, long deadlineMillis) {
        this.requestId = requestId;
        this.event = event;
        this.deadlineMillis = deadlineMillis;
    }

    public String requestId() {
        return requestId;
    }

    byte[] event() {
        return event;
    }

    long deadlineMillis() {
        return deadlineMillis;
    }

    public CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    /** The runtime took the event: from here on the environment is running it. */
    void handedOver() {
        handedOver.complete(System.nanoTime());
    }

    /** Completes when the runtime takes the event, or when the invocation ends without it having taken it. */
    public CompletableFuture<?> started() {
        return CompletableFuture.anyOf(handedOver, outcome);
    }

    void succeed(byte[] body) {
        complete(false, body, null);
    }

    void fail(String message) {
        complete(true, new byte[0], message);
    }

    private void complete(boolean error, byte[] body, String message) {
        long now = System.nanoTime();
        Long handedOverNanos = handedOver.getNow(null);
        outcome.complete(new Outcome(error, body, message, now, handedOverNanos == null ? 0 : now - handedOverNanos));
    }
}
