package dev.microjobs.core.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.domain.Money;

import java.net.URI;
import java.util.List;
import java.util.Set;

/** A job request that passed validation: everything needed to create the job and its tasks. */
public record JobRequest(
        JobType type,
        String title,
        String instructions,
        Money reward,
        int assignments,
        long expiresInSeconds,
        long autoApproveAfterSeconds,
        long leaseSeconds,
        Set<String> skills,
        Job.DraftSettings drafting,
        URI callbackUrl,
        List<ObjectNode> inputs) {

    public JobRequest {
        skills = Set.copyOf(skills);
        inputs = List.copyOf(inputs);
    }

    public int taskCount() {
        return inputs.size() * assignments;
    }
}
