package dev.microjobs.core.review;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.jobs.JobViews;

/** The JSON the worker API answers with. */
public final class ReviewViews {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ReviewViews() {
    }

    /**
     * A live claim with what the worker needs to do the task. {@code task.draft} is the draft's
     * content (a string, or JSON for structured job types), or null when there is none.
     */
    public static ObjectNode claim(Task task, Job job) {
        var claim = task.claim();
        ObjectNode view = JSON.objectNode()
                .put("id", claim.claimId())
                .put("taskId", task.id())
                .put("claimedAt", claim.claimedAt().toString())
                .put("leaseExpiresAt", claim.leaseExpiresAt().toString())
                .put("maxLeaseExpiresAt", Lease.latestExpiry(claim.claimedAt()).toString())
                .put("leaseSeconds", job.leaseSeconds());
        ObjectNode details = view.putObject("task")
                .put("title", job.title())
                .put("instructions", job.instructions())
                .put("type", job.type().wireName());
        details.set("input", task.input());
        details.set("draft", task.draft().hasContent() ? task.draft().content() : JSON.nullNode());
        details.set("reward", JobViews.money(task.reward()));
        details.set("skills", JSON.arrayNode().addAll(job.skills().stream().sorted().map(JSON::textNode).toList()));
        return view;
    }

    /** A task after a release or a submission. */
    public static ObjectNode afterClaim(String claimId, Task task) {
        ObjectNode view = JSON.objectNode()
                .put("id", claimId)
                .put("taskId", task.id())
                .put("state", task.state().name());
        view.set("reward", JobViews.money(task.reward()));
        if (task.submission() != null) {
            view.set("submission", JobViews.submission(task.submission()));
        }
        return view;
    }
}
