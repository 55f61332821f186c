package dev.microjobs.core.ports;

import java.time.Instant;
import java.util.Optional;

/**
 * The rate-limit bucket of each business and worker, as the instant it is full again (see
 * {@link dev.microjobs.core.ratelimits.TokenBucket}), keyed by the id authentication resolved.
 */
public interface RateLimitStore {

    /**
     * Stores {@code fullAt} if the stored instant is still {@code expected} (empty: none stored).
     * When it is not, nothing is written and the answer carries what is stored instead, so the
     * caller can try again without a read.
     */
    Replacement replace(String principalId, Optional<Instant> expected, Instant fullAt);

    /**
     * Stores {@code fullAt} if the stored bucket is full at {@code now}: none is stored, or the one
     * stored is full again by then, whatever its instant (a store may compare at a coarser grain
     * and fail a bucket that became full only just before {@code now}, never pass one that is not
     * full). Answers as {@link #replace} does.
     */
    Replacement replaceIfFull(String principalId, Instant now, Instant fullAt);

    /**
     * What a {@link #replace} left: whether it wrote, and the instant stored now (the one written,
     * or, when another request wrote first, that request's; empty: none stored).
     */
    record Replacement(boolean replaced, Optional<Instant> stored) {

        public static Replacement replaced(Instant written) {
            return new Replacement(true, Optional.of(written));
        }

        public static Replacement storedInstead(Optional<Instant> stored) {
            return new Replacement(false, stored);
        }
    }
}
