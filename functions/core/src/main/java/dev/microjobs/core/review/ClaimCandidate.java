package dev.microjobs.core.review;

import java.util.Objects;
import java.util.Set;

/**
 * A task a worker might claim, as an index entry names it: enough to pass over the tasks the
 * worker may not do without reading them. The task itself is read before a claim is tried; the
 * entry may be stale by then (the task claimed, or moved on), and the claim is a conditional
 * write on the task as read.
 *
 * @param jobId      the task's job
 * @param inputIndex the job input the task works on (siblings share it)
 * @param skills     the job's skills, copied onto the task; a worker must have all of them
 */
public record ClaimCandidate(String taskId, String jobId, int inputIndex, Set<String> skills) {
    public ClaimCandidate {
        Objects.requireNonNull(taskId, "taskId is required");
        Objects.requireNonNull(jobId, "jobId is required");
        skills = Set.copyOf(skills);
    }

    public boolean claimableWith(Set<String> workerSkills) {
        return workerSkills.containsAll(skills);
    }

    /** The job input, {@code jobId#inputIndex}: one worker works at most one task of each. */
    public String input() {
        return jobId + "#" + inputIndex;
    }
}
