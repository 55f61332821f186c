package dev.microjobs.core.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a task is in its life. Every change of state is checked against one table,
 * {@link #allowedNext()}, and stored with a conditional write on the expected
 * current state, so a duplicate message or a race cannot skip a step.
 */
public enum TaskState {
    DRAFTING,
    READY,
    CLAIMED,
    SUBMITTED,
    APPROVED,
    PAID,
    REJECTED,
    EXPIRED,
    CANCELLED;

    private static final Map<TaskState, Set<TaskState>> ALLOWED_NEXT = new EnumMap<>(TaskState.class);

    static {
        // READY whether or not a draft came back: drafting gives up rather than block workers.
        allow(DRAFTING, READY, CANCELLED, EXPIRED);
        allow(READY, CLAIMED, CANCELLED, EXPIRED);
        // Back to READY when the worker releases the task or the lease runs out.
        allow(CLAIMED, SUBMITTED, READY, CANCELLED, EXPIRED);
        // Work handed in is always judged (or auto-approved), never expired or cancelled.
        // Back to READY is a rejection with requeue: another worker gets the task.
        allow(SUBMITTED, APPROVED, REJECTED, READY);
        // A business may undo a rejection by approving within 7 days; the deadline is
        // the use case's to check, the table only allows the step.
        allow(REJECTED, APPROVED);
        allow(APPROVED, PAID);
        allow(PAID);
        allow(EXPIRED);
        allow(CANCELLED);
    }

    private static void allow(TaskState from, TaskState... to) {
        Set<TaskState> next = EnumSet.noneOf(TaskState.class);
        Collections.addAll(next, to);
        ALLOWED_NEXT.put(from, Collections.unmodifiableSet(next));
    }

    /** The states this one may move to, straight from the table. */
    public Set<TaskState> allowedNext() {
        return ALLOWED_NEXT.get(this);
    }

    public boolean canTransitionTo(TaskState to) {
        return allowedNext().contains(to);
    }

    /**
     * No way out. REJECTED is not terminal: it can still be approved, for a while.
     */
    public boolean isTerminal() {
        return allowedNext().isEmpty();
    }
}
