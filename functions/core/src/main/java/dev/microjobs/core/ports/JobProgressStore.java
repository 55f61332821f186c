package dev.microjobs.core.ports;

import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.TaskState;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The part of the {@link JobStore} that tells how far a job's tasks have got, as its task index shows them. */
public interface JobProgressStore {

    /** A job, and whether its completion was recorded ({@code EventStore.firstCompletion}). */
    record Progress(Job job, boolean completionRecorded) {
    }

    /** The job and whether its completion was recorded, in one read. */
    Optional<Progress> findProgress(String jobId);

    /** The job's tasks by state; reads every index entry of the job. */
    Map<TaskState, Integer> countTasksByState(String jobId);

    /**
     * Whether the task index shows a task of the job in one of {@code states}, asking for one state
     * after the other in the order given and stopping at the first found: a few reads of at most
     * one index entry each, however many tasks the job has.
     */
    boolean hasTaskIn(String jobId, List<TaskState> states);
}
