package dev.microjobs.core.jobs;

/** What a job's drafts cost so far: how many, their tokens (where reported) and provider time. */
public record DraftSpend(long drafts, long inputTokens, long outputTokens, long latencyMs) {
    public static final DraftSpend NONE = new DraftSpend(0, 0, 0, 0);

    public long tokens() {
        return inputTokens + outputTokens;
    }
}
