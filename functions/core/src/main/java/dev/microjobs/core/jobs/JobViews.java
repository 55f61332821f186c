package dev.microjobs.core.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.accounts.BusinessAccount;
import dev.microjobs.core.domain.Claim;
import dev.microjobs.core.domain.Draft;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.Submission;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON that the business API answers with, in one place so every endpoint says the same thing. */
public final class JobViews {
    /** States whose reward and fee are still held in escrow. */
    public static final Set<TaskState> HELD = Set.of(TaskState.DRAFTING, TaskState.READY, TaskState.CLAIMED,
            TaskState.SUBMITTED);
    /** States whose reward and fee were paid out of escrow. */
    public static final Set<TaskState> SPENT = Set.of(TaskState.APPROVED, TaskState.PAID);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JobViews() {
    }

    public static ObjectNode money(Money money) {
        return JSON.objectNode().put("amount", money.amount()).put("currency", money.currency());
    }

    public static ObjectNode created(Job job, List<String> taskIds) {
        ObjectNode view = summary(job);
        view.set("taskIds", JSON.arrayNode().addAll(taskIds.stream().map(JSON::textNode).toList()));
        view.set("held", money(job.escrowHold()));
        return view;
    }

    public static ObjectNode summary(Job job) {
        ObjectNode view = JSON.objectNode()
                .put("id", job.id())
                .put("status", job.status().name())
                .put("type", job.type().wireName())
                .put("title", job.title())
                .put("taskCount", job.taskCount())
                .put("assignments", job.assignments());
        view.set("reward", money(job.reward()));
        view.set("fee", money(job.fee()));
        view.put("createdAt", job.createdAt().toString()).put("expiresAt", job.expiresAt().toString());
        return view;
    }

    public static ObjectNode detail(Job job, Map<TaskState, Integer> counts, DraftSpend spend) {
        ObjectNode view = summary(job);
        view.put("instructions", job.instructions())
                .put("leaseSeconds", job.leaseSeconds())
                .put("autoApproveAfterSeconds", job.autoApproveAfterSeconds());
        view.set("skills", JSON.arrayNode().addAll(job.skills().stream().sorted().map(JSON::textNode).toList()));
        ObjectNode draft = view.putObject("draft").put("provider", job.drafting().provider().wireName());
        if (job.drafting().promptTemplate() != null) {
            draft.put("prompt", job.drafting().promptTemplate());
        }
        if (job.drafting().webhookUrl() != null) {
            draft.put("url", job.drafting().webhookUrl().toString());
        }
        if (job.drafting().maxTokens() != null) {
            draft.put("maxTokens", job.drafting().maxTokens());
        }
        draft.put("drafts", spend.drafts())
                .put("inputTokens", spend.inputTokens())
                .put("outputTokens", spend.outputTokens())
                .put("latencyMs", spend.latencyMs())
                .put("averageLatencyMs", spend.drafts() == 0 ? 0 : spend.latencyMs() / spend.drafts());
        if (job.callbackUrl() != null) {
            view.put("callbackUrl", job.callbackUrl().toString());
        }
        ObjectNode tasks = view.putObject("tasks");
        Map<TaskState, Integer> all = new EnumMap<>(TaskState.class);
        for (TaskState state : TaskState.values()) {
            all.put(state, counts.getOrDefault(state, 0));
            tasks.put(state.name(), all.get(state));
        }
        Money perTask = job.reward().plus(job.fee());
        ObjectNode money = view.putObject("money");
        money.set("held", money(perTask.times(sum(all, HELD))));
        money.set("spent", money(perTask.times(sum(all, SPENT))));
        money.set("released", money(perTask.times(
                sum(all, Set.of(TaskState.CANCELLED, TaskState.EXPIRED, TaskState.REJECTED)))));
        return view;
    }

    public static ObjectNode task(Task task) {
        ObjectNode view = JSON.objectNode()
                .put("id", task.id())
                .put("jobId", task.jobId())
                .put("state", task.state().name())
                .put("inputIndex", task.inputIndex());
        view.set("input", task.input());
        view.set("reward", money(task.reward()));
        if (task.draft() != null) {
            view.set("draft", draft(task.draft()));
        }
        if (task.submission() != null) {
            view.set("submission", submission(task.submission()));
        }
        ObjectNode timings = view.putObject("timings").put("createdAt", task.createdAt().toString())
                .put("updatedAt", task.updatedAt().toString());
        if (task.draft() != null) {
            timings.put("draftedAt", task.draft().createdAt().toString());
        }
        Claim claim = task.claim();
        if (claim != null) {
            timings.put("claimedAt", claim.claimedAt().toString());
            if (task.state() == TaskState.CLAIMED) {
                timings.put("leaseExpiresAt", claim.leaseExpiresAt().toString());
            }
        }
        if (task.submission() != null) {
            timings.put("submittedAt", task.submission().submittedAt().toString());
        }
        if (task.approvedAt() != null) {
            timings.put("approvedAt", task.approvedAt().toString());
        }
        return view;
    }

    public static ObjectNode draft(Draft draft) {
        ObjectNode view = JSON.objectNode().put("provider", draft.provider().wireName());
        if (draft.hasContent()) {
            view.set("content", draft.content());
        } else {
            view.putNull("content");
            view.put("reason", draft.failureReason());
        }
        putIfPresent(view, "model", draft.model());
        view.put("latencyMs", draft.latencyMs());
        if (draft.inputTokens() != null) {
            view.put("inputTokens", draft.inputTokens());
        }
        if (draft.outputTokens() != null) {
            view.put("outputTokens", draft.outputTokens());
        }
        return view;
    }

    public static ObjectNode submission(Submission submission) {
        ObjectNode view = JSON.objectNode().put("workerId", submission.workerId());
        view.set("output", submission.output());
        view.put("draftUsed", submission.draftUsed().wireName())
                .put("claimedAt", submission.claimedAt().toString())
                .put("submittedAt", submission.submittedAt().toString())
                .put("secondsSpent", submission.secondsSpent())
                .put("editRatio", submission.editRatio());
        return view;
    }

    public static ObjectNode account(BusinessAccount account, String name) {
        ObjectNode view = JSON.objectNode().put("businessId", account.businessId()).put("name", name)
                .put("currency", account.available().currency());
        view.set("balance", money(account.available()));
        view.set("held", money(account.escrow()));
        view.set("spent", money(account.spent()));
        return view;
    }

    private static void putIfPresent(ObjectNode view, String field, String value) {
        if (value != null) {
            view.put(field, value);
        }
    }

    private static long sum(Map<TaskState, Integer> counts, Set<TaskState> states) {
        return states.stream().mapToLong(counts::get).sum();
    }
}
