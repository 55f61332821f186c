package dev.microjobs.core.ports;

import dev.microjobs.core.domain.Task;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** State changes of tasks, each a conditional write on the state the caller read. */
public interface TaskStore {

    /**
     * Stores {@code after} only if the stored task is still {@code before} (same state and
     * version). A redelivered message or a lost race sees {@code false} and stops.
     */
    boolean transition(Task before, Task after);

    /**
     * Stores each transition's {@code after} only if its stored task is still its {@code before},
     * as {@link #transition} does, but several to a request; each applies or not on its own.
     *
     * @param transitions at most one per task
     * @return which applied, and which could not be written, a whole request that failed
     *         included (the rest found their task moved on)
     * @throws IllegalArgumentException when a task is named twice
     */
    Transitions transitionAll(List<Transition> transitions);

    /** The tasks with these ids that exist, read consistently, in no particular order. */
    List<Task> findAll(List<String> taskIds);

    record Transition(Task before, Task after) {
        public String taskId() {
            return before.id();
        }
    }

    /**
     * What came of {@link #transitionAll}: the ids of the tasks whose transition applied, and of
     * those whose write failed for a reason other than the task having moved on (throttled, an
     * error of the store), with that reason. A task in neither had moved on and is unchanged.
     */
    record Transitions(Set<String> applied, Map<String, String> unwritten) {
        public Transitions {
            applied = Set.copyOf(applied);
            unwritten = Map.copyOf(unwritten);
        }
    }
}
