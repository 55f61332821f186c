package dev.microjobs.core.ratelimits;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A token bucket: it holds up to {@code burst} tokens, gains {@code perSecond} tokens a second,
 * and every request takes one.
 *
 * <p>The whole state of a bucket is one instant, {@code fullAt}: when it will be full again (the
 * "theoretical arrival time" of GCRA, the generic cell rate algorithm, which is this bucket
 * written differently). A request moves {@code fullAt} one refill interval later, counting from
 * now when it lies in the past, and is refused when that would put it more than {@code burst}
 * intervals ahead of now. One value instead of a token count and a refill time is what lets a
 * store replace it with a single conditional write, and a full bucket needs no state at all.
 *
 * <p>The arithmetic is exact: instants and durations are whole nanoseconds, and the refill
 * interval is rounded up to the next nanosecond, so the rate never exceeds {@code perSecond}.
 */
public record TokenBucket(int perSecond, int burst) {
    /** Limits above this are no limits; it keeps every product below far from overflowing. */
    public static final int MAX = 1_000_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    public TokenBucket {
        if (perSecond < 1 || perSecond > MAX) {
            throw new IllegalArgumentException("requests per second must be 1 to " + MAX + ", got " + perSecond);
        }
        if (burst < 1 || burst > MAX) {
            throw new IllegalArgumentException("burst must be 1 to " + MAX + ", got " + burst);
        }
    }

    /** The time one token takes to come back. */
    public Duration refillInterval() {
        return Duration.ofNanos((NANOS_PER_SECOND + perSecond - 1) / perSecond);
    }

    /**
     * Takes one token at {@code now} from the bucket that is full again at {@code fullAt}
     * (empty: a full bucket).
     */
    public Take take(Optional<Instant> fullAt, Instant now) {
        Instant from = fullAt.filter(now::isBefore).orElse(now);
        Instant next = from.plus(refillInterval());
        Duration debt = Duration.between(now, next);
        Duration capacity = refillInterval().multipliedBy(burst);
        if (debt.compareTo(capacity) <= 0) {
            return new Granted(next);
        }
        return new Refused(retryAfterSeconds(debt.minus(capacity)));
    }

    /**
     * An HTTP {@code Retry-After} for a wait: whole seconds, rounded up so that a client that
     * waits as told finds a token, and at least 1 (0 would invite an immediate retry).
     */
    static long retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** What taking a token gave. */
    public sealed interface Take permits Granted, Refused {
    }

    /** A token was taken; {@code fullAt} is the bucket's new state. */
    public record Granted(Instant fullAt) implements Take {
    }

    /** The bucket is empty; a token is back after {@code retryAfterSeconds}. */
    public record Refused(long retryAfterSeconds) implements Take {
    }
}
