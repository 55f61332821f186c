package dev.microjobs.core.review;

import dev.microjobs.core.domain.Task;

import java.util.Objects;
import java.util.Optional;

/**
 * How an attempt to claim one candidate ended.
 *
 * @param taskNow with {@link ClaimOutcome#TASK_CHANGED}, the task as the failed write found it, when
 *                the store learned that from the failure itself; empty otherwise (then only a read can tell)
 */
public record ClaimResult(ClaimOutcome outcome, Optional<Task> taskNow) {
    public ClaimResult {
        Objects.requireNonNull(outcome, "outcome is required");
        Objects.requireNonNull(taskNow, "taskNow is required");
    }

    public static ClaimResult of(ClaimOutcome outcome) {
        return new ClaimResult(outcome, Optional.empty());
    }

    /** The task was no longer as read; this is what it is now. */
    public static ClaimResult taskChangedTo(Task now) {
        return new ClaimResult(ClaimOutcome.TASK_CHANGED, Optional.of(now));
    }
}
