package dev.microjobs.core.events;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of event, with the wire names businesses switch on; a published name is never renamed. */
public enum EventType {
    TASK_DRAFTED("task.drafted"),
    TASK_CLAIMED("task.claimed"),
    TASK_SUBMITTED("task.submitted"),
    TASK_APPROVED("task.approved"),
    TASK_REJECTED("task.rejected"),
    TASK_PAID("task.paid"),
    TASK_EXPIRED("task.expired"),
    JOB_COMPLETED("job.completed");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }
}
