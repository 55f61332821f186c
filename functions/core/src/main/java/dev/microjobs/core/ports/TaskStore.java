package dev.microjobs.core.ports;

import dev.microjobs.core.domain.Task;

import java.util.List;

/** State changes of single tasks, each a conditional write on the state the caller read. */
public interface TaskStore {

    /**
     * Stores {@code after} only if the stored task is still {@code before} (same state and
     * version). A redelivered message or a lost race sees {@code false} and stops.
     */
    boolean transition(Task before, Task after);

    /** The tasks with these ids that exist, read consistently, in no particular order. */
    List<Task> findAll(List<String> taskIds);
}
