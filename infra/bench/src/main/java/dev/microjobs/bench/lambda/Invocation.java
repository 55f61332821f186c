package dev.microjobs.bench.lambda;

import java.util.concurrent.CompletableFuture;

/**
 * One event handed to a function process, and what came back: the response body, or an error
 * (the handler's exception, an init error, or the process going away).
 */
public final class Invocation {

    /** What the runtime posted, with {@link System#nanoTime()} when it arrived. */
    public record Outcome(boolean error, byte[] body, String errorMessage, long atNanos) {
    }

    private final String requestId;
    private final byte[] event;
    private final long deadlineMillis;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

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

    void succeed(byte[] body) {
        outcome.complete(new Outcome(false, body, null, System.nanoTime()));
    }

    void fail(String message) {
        outcome.complete(new Outcome(true, new byte[0], message, System.nanoTime()));
    }
}
