package dev.microjobs.core.drafts;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard a draft is tried before the task goes to a worker without one.
 *
 * @param callTimeout how long one attempt may take; the network providers set it on their
 *     own HTTP clients, which is the only place a blocked call can really be cut off
 * @param maxAttempts attempts per draft, the first included
 * @param backoffBase the backoff before the second attempt, doubled for each further one
 * @param backoffCap the longest backoff, also the longest Retry-After honoured
 * @param failuresToOpen consecutive failed attempts that open a provider's circuit breaker
 * @param openCoolDown how long an open breaker fails calls fast before it lets one trial through
 */
public record ResilienceSettings(
        Duration callTimeout,
        int maxAttempts,
        Duration backoffBase,
        Duration backoffCap,
        int failuresToOpen,
        Duration openCoolDown) {

    public static final ResilienceSettings DEFAULTS = new ResilienceSettings(
            Duration.ofSeconds(20), 3, Duration.ofMillis(200), Duration.ofSeconds(5), 5, Duration.ofSeconds(30));

    public ResilienceSettings {
        requirePositive(callTimeout, "callTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        requirePositive(backoffBase, "backoffBase");
        requirePositive(backoffCap, "backoffCap");
        if (failuresToOpen < 1) {
            throw new IllegalArgumentException("failuresToOpen must be at least 1, got " + failuresToOpen);
        }
        requirePositive(openCoolDown, "openCoolDown");
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name + " is required");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
