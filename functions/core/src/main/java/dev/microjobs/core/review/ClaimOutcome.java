package dev.microjobs.core.review;

/** How an attempt to claim one candidate ended. */
public enum ClaimOutcome {
    /** The worker holds the task now. */
    CLAIMED,
    /** The task is no longer in the state or version that was read: someone else got there first, or the index was stale. */
    TASK_CHANGED,
    /** The worker already holds, or handed in, a sibling of this task (same job and input). */
    SIBLING_WORKED
}
