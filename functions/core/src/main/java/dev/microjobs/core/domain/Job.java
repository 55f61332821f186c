package dev.microjobs.core.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a business asked for: one piece of work per input, done by {@code assignments}
 * different workers each. A job with k assignments creates k sibling tasks per input,
 * sharing the input's {@code inputIndex}; one worker may never work two siblings, or
 * the independent answers would not be independent.
 *
 * <p>{@code reward} and {@code fee} are per task, fixed when the job is created, so
 * the escrow hold is known up front and every approval moves exactly reward + fee.
 *
 * @param callbackUrl where state-change webhooks go, or null for none
 */
public record Job(
        String id,
        String businessId,
        JobType type,
        String title,
        String instructions,
        Money reward,
        Money fee,
        int assignments,
        int taskCount,
        Set<String> skills,
        DraftSettings drafting,
        URI callbackUrl,
        long leaseSeconds,
        long autoApproveAfterSeconds,
        Instant createdAt,
        Instant expiresAt,
        JobStatus status) {

    public static final int MAX_ASSIGNMENTS = 10;

    public Job {
        Id.requireValid(IdType.JOB, id);
        Id.requireValid(IdType.BUSINESS, businessId);
        Objects.requireNonNull(type, "type is required");
        requireText(title, "title");
        Objects.requireNonNull(instructions, "instructions are required");
        Prices.requireRewardAndFee(reward, fee);
        if (assignments < 1 || assignments > MAX_ASSIGNMENTS) {
            throw new IllegalArgumentException(
                    "assignments must be 1.." + MAX_ASSIGNMENTS + ", got " + assignments);
        }
        if (taskCount < 1 || taskCount % assignments != 0) {
            throw new IllegalArgumentException("taskCount must be a positive multiple of assignments ("
                    + assignments + "), got " + taskCount);
        }
        skills = Set.copyOf(Objects.requireNonNull(skills, "skills are required (empty for none)"));
        skills.forEach(skill -> requireText(skill, "a skill"));
        Objects.requireNonNull(drafting, "draft settings are required");
        if (leaseSeconds <= 0) {
            throw new IllegalArgumentException("leaseSeconds must be positive, got " + leaseSeconds);
        }
        if (autoApproveAfterSeconds <= 0) {
            throw new IllegalArgumentException(
                    "autoApproveAfterSeconds must be positive, got " + autoApproveAfterSeconds);
        }
        Objects.requireNonNull(createdAt, "createdAt is required");
        Objects.requireNonNull(expiresAt, "expiresAt is required");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("expiresAt " + expiresAt + " must be after createdAt " + createdAt);
        }
        Objects.requireNonNull(status, "status is required");
    }

    /**
     * How the tasks get their drafts.
     *
     * @param promptTemplate null: the job type's default prompt
     * @param webhookUrl with the webhook provider only: the business's URL that answers with a draft
     * @param maxTokens null for no cap; once the job's drafts used this many tokens, the rest of its
     *     tasks become ready without a draft
     */
    public record DraftSettings(DraftProviderName provider, String promptTemplate, URI webhookUrl, Long maxTokens) {

        public DraftSettings {
            Objects.requireNonNull(provider, "draft provider is required");
            if ((provider == DraftProviderName.WEBHOOK) != (webhookUrl != null)) {
                throw new IllegalArgumentException("a webhook URL goes with, and only with, the webhook provider");
            }
            if (maxTokens != null && maxTokens <= 0) {
                throw new IllegalArgumentException("maxTokens must be positive, got " + maxTokens);
            }
        }

        public DraftSettings(DraftProviderName provider, String promptTemplate) {
            this(provider, promptTemplate, null, null);
        }
    }

    /** How many distinct inputs the job has; each becomes {@code assignments} tasks. */
    public int inputCount() {
        return taskCount / assignments;
    }

    /**
     * Whether task counts by state (as the job's task index shows them) include every task of the
     * job. A job is created before its tasks are written, and an index may lag behind a write: a
     * job whose tasks are not all counted yet is not finished, however settled the counted ones are.
     */
    public boolean countsEveryTask(Map<TaskState, Integer> countsByState) {
        return countsByState.values().stream().mapToInt(Integer::intValue).sum() >= taskCount;
    }

    /** What the business pays into escrow when the job is created: (reward + fee) x tasks. */
    public Money escrowHold() {
        return reward.plus(fee).times(taskCount);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
