package dev.microjobs.core.review;

import dev.microjobs.core.domain.Task;

import java.util.Objects;
import java.util.Set;

/**
 * A task a worker might claim, as an index read it: possibly stale, so a claim is always a
 * conditional write on this very state and version.
 *
 * @param skills the job's skills, copied onto the task; a worker must have all of them
 */
public record ClaimCandidate(Task task, Set<String> skills) {
    public ClaimCandidate {
        Objects.requireNonNull(task, "task is required");
        skills = Set.copyOf(skills);
    }

    public boolean claimableWith(Set<String> workerSkills) {
        return workerSkills.containsAll(skills);
    }
}
