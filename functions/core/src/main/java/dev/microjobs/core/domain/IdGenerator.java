package dev.microjobs.core.domain;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Generates ids that sort by creation time: {@code <prefix>_} plus a ULID (48-bit
 * millisecond timestamp, 80 random bits, Crockford base32).
 *
 * <p>Within one generator the ids are strictly increasing: a second id in the same
 * millisecond reuses the previous random part plus one instead of drawing a new one,
 * and if the clock steps backwards the generator keeps counting from the last
 * timestamp it used. Share one instance per process to get that ordering across
 * threads. Across processes ids order by millisecond only.
 */
public final class IdGenerator {

    private final Clock clock;
    private final RandomGenerator random;

    private long lastMillis = -1;
    private long randomHigh;
    private long randomLow;

    public IdGenerator(Clock clock) {
        this(clock, new SecureRandom());
    }

    /** For tests that need to drive the random part. */
    IdGenerator(Clock clock, RandomGenerator random) {
        this.clock = Objects.requireNonNull(clock, "clock is required");
        this.random = Objects.requireNonNull(random, "random is required");
    }

    /** A new id of the given type, in its wire form, e.g. {@code job_01JD3Z7Q8W6M2XK4N5P9R0STVB}. */
    public String next(IdType type) {
        Objects.requireNonNull(type, "id type is required");
        return type.prefix() + "_" + nextSuffix();
    }

    private synchronized String nextSuffix() {
        long now = clock.millis();
        if (now > lastMillis) {
            lastMillis = now;
            drawRandom();
        } else if (!incrementRandom()) {
            // 2^80 ids in one millisecond cannot happen by chance; borrowing the next
            // millisecond keeps the order rather than failing.
            lastMillis++;
            drawRandom();
        }
        if (lastMillis < 0 || lastMillis > Ulid.MAX_MILLIS) {
            throw new IllegalStateException("clock is outside the range an id can encode: " + lastMillis + " ms");
        }
        return Ulid.encode(lastMillis, randomHigh, randomLow);
    }

    private void drawRandom() {
        randomHigh = random.nextLong() & Ulid.RANDOM_HALF_MASK;
        randomLow = random.nextLong() & Ulid.RANDOM_HALF_MASK;
    }

    /** Adds one to the 80-bit random part; false if it was already all ones. */
    private boolean incrementRandom() {
        if (randomLow < Ulid.RANDOM_HALF_MASK) {
            randomLow++;
            return true;
        }
        if (randomHigh < Ulid.RANDOM_HALF_MASK) {
            randomHigh++;
            randomLow = 0;
            return true;
        }
        return false;
    }
}
