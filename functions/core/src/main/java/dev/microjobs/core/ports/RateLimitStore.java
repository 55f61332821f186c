package dev.microjobs.core.ports;

import java.time.Instant;
import java.util.Optional;

/**
 * The rate-limit bucket of each business and worker, as the instant it is full again (see
 * {@link dev.microjobs.core.ratelimits.TokenBucket}), keyed by the id authentication resolved.
 */
public interface RateLimitStore {

    /** The stored instant, read with every write before it seen; empty when none is stored (a full bucket). */
    Optional<Instant> fullAt(String principalId);

    /**
     * Stores {@code fullAt} if the stored instant is still {@code expected} (empty: none stored).
     *
     * @return false when another request wrote first; nothing was written
     */
    boolean replace(String principalId, Optional<Instant> expected, Instant fullAt);
}
