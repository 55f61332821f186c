package dev.microjobs.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A worker's lease on a task. Each claim has its own id, so a submission or release
 * from a lease that has since expired (and maybe been re-claimed) can be told apart
 * from the current one.
 */
public record Claim(String claimId, String workerId, Instant claimedAt, Instant leaseExpiresAt) {

    public Claim {
        Id.requireValid(IdType.CLAIM, claimId);
        Id.requireValid(IdType.WORKER, workerId);
        Objects.requireNonNull(claimedAt, "claimedAt is required");
        Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt is required");
        if (!leaseExpiresAt.isAfter(claimedAt)) {
            throw new IllegalArgumentException(
                    "leaseExpiresAt " + leaseExpiresAt + " must be after claimedAt " + claimedAt);
        }
    }
}
