package dev.microjobs.core.drafts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a provider that keeps failing, so a dead AI costs a task milliseconds, not
 * three timeouts. CLOSED lets calls through and counts consecutive failures; at the
 * threshold it goes OPEN and refuses calls for the cool-down; then HALF_OPEN lets exactly one
 * trial call through: success closes the breaker, failure opens it for another cool-down.
 *
 * <p>One breaker per provider per execution environment; the drafts function may draft a
 * batch in parallel, so every method is synchronized.
 */
public final class CircuitBreaker {

    /** Where the breaker stands. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failuresToOpen;
    private final Duration coolDown;
    private final Clock clock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int failuresToOpen, Duration coolDown, Clock clock) {
        if (failuresToOpen < 1) {
            throw new IllegalArgumentException("failuresToOpen must be at least 1, got " + failuresToOpen);
        }
        this.failuresToOpen = failuresToOpen;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /** Whether a call may go through now; when it may, report its outcome with one of the on* methods. */
    public synchronized boolean tryAcquire() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(coolDown))) {
            state = State.HALF_OPEN;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    /** The provider answered: it is up. */
    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    /** The provider failed in a way that says it is down or overloaded. */
    public synchronized void onFailure() {
        consecutiveFailures++;
        trialInFlight = false;
        if (state == State.HALF_OPEN || consecutiveFailures >= failuresToOpen) {
            state = State.OPEN;
            openedAt = clock.instant();
        }
    }

    /** The call taught nothing about the provider's health (it was never really made). */
    public synchronized void onNeutral() {
        trialInFlight = false;
    }

    public synchronized State state() {
        return state;
    }

    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** When an open breaker lets the next trial through; meaningful only while OPEN. */
    public synchronized Instant retryAt() {
        return openedAt == null ? clock.instant() : openedAt.plus(coolDown);
    }
}
