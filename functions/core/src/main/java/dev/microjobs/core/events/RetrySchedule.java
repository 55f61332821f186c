package dev.microjobs.core.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a failed delivery again: after {@code base}, then twice as long after each further
 * failure (30 s, 1 min, 2 min, ... with the default base), each wait at most {@link #MAX_DELAY}
 * (the longest an SQS message can be hidden in one call), until the next attempt would fall more
 * than {@link #RETRY_WINDOW} after the event: then delivery gives up.
 */
public record RetrySchedule(Duration base) {
    public static final Duration RETRY_WINDOW = Duration.ofHours(24);
    public static final Duration MAX_DELAY = Duration.ofHours(12);

    public RetrySchedule {
        Objects.requireNonNull(base, "base is required");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("the base delay must be positive, got " + base);
        }
    }

    /** How long to wait after the {@code failedAttempts}-th failure, before the window is applied. */
    public Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts counts from 1, got " + failedAttempts);
        }
        // Doubling 62 times overflows a long; by then the cap has long been reached anyway.
        int doublings = Math.min(failedAttempts - 1, 40);
        long seconds = base.getSeconds() << doublings;
        return seconds <= 0 || seconds > MAX_DELAY.getSeconds() ? MAX_DELAY : Duration.ofSeconds(seconds);
    }

    /** When to try again after the {@code failedAttempts}-th failure at {@code now}; empty: give up. */
    public Optional<Instant> nextAttempt(int failedAttempts, Instant eventTime, Instant now) {
        Instant next = now.plus(delayAfter(failedAttempts));
        return next.isAfter(eventTime.plus(RETRY_WINDOW)) ? Optional.empty() : Optional.of(next);
    }
}
