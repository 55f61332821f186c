package dev.microjobs.core.domain;

/**
 * A task was asked to move to a state the {@link TaskState} table does not allow from
 * its current one: a stale request (approving a task that is already paid) or a bug.
 */
public class IllegalTransitionException extends IllegalStateException {

    private final String taskId;
    private final TaskState from;
    private final TaskState to;

    public IllegalTransitionException(String taskId, TaskState from, TaskState to) {
        super("task " + taskId + " cannot go from " + from + " to " + to);
        this.taskId = taskId;
        this.from = from;
        this.to = to;
    }

    public String taskId() {
        return taskId;
    }

    public TaskState from() {
        return from;
    }

    public TaskState to() {
        return to;
    }
}
