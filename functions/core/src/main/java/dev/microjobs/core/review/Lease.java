package dev.microjobs.core.review;

import dev.microjobs.core.domain.Claim;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;

import java.time.Duration;
import java.time.Instant;

/**
 * Lease rules. A claim lasts the job's {@code leaseSeconds}; each extension adds at most that
 * again, and no lease runs past {@link #MAX_FROM_CLAIM} after the claim, so a task is never
 * held for more than two hours by one worker.
 */
public final class Lease {
    public static final Duration MAX_FROM_CLAIM = Duration.ofHours(2);

    private Lease() {
    }

    /** The task is CLAIMED under exactly this claim, expired or not. */
    static boolean isHeldUnder(Task task, String claimId) {
        return task.state() == TaskState.CLAIMED && task.claim().claimId().equals(claimId);
    }

    static boolean hasExpired(Claim claim, Instant now) {
        return !now.isBefore(claim.leaseExpiresAt());
    }

    /** The latest a lease taken at {@code claimedAt} may run to. */
    static Instant latestExpiry(Instant claimedAt) {
        return claimedAt.plus(MAX_FROM_CLAIM);
    }

    /** The same CLAIMED task under the same claim, with the lease now running to {@code expiresAt}. */
    static Task extended(Task task, Instant expiresAt, Instant at) {
        Claim claim = task.claim();
        Claim longer = new Claim(claim.claimId(), claim.workerId(), claim.claimedAt(), expiresAt);
        return new Task(task.id(), task.jobId(), task.businessId(), task.inputIndex(), task.state(), task.input(),
                task.reward(), task.fee(), task.draft(), longer, task.submission(), task.approvedAt(),
                task.createdAt(), at, task.version() + 1);
    }
}
