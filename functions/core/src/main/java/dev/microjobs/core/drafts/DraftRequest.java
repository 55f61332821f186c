package dev.microjobs.core.drafts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobType;
import java.net.URI;
import java.util.Objects;

/**
 * Everything a provider needs to draft one task.
 *
 * @param job the job, with its type, title, instructions and draft settings
 * @param taskId the task the draft is for (sent to webhooks, used in logs)
 * @param input the task's input
 * @param prompt the job's prompt template filled from the input (see {@link PromptTemplates})
 * @param webhookUrl where the webhook provider posts the task, or null when the job has none
 */
public record DraftRequest(Job job, String taskId, JsonNode input, String prompt, URI webhookUrl) {

    public DraftRequest {
        Objects.requireNonNull(job, "job is required");
        Objects.requireNonNull(taskId, "taskId is required");
        Objects.requireNonNull(input, "input is required");
        Objects.requireNonNull(prompt, "prompt is required");
        input = input.deepCopy();
    }

    public JobType type() {
        return job.type();
    }

    /** A copy: Jackson trees are mutable, and one provider must not change another's input. */
    @Override
    public JsonNode input() {
        return input.deepCopy();
    }
}
