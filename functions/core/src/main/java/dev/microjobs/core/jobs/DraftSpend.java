package dev.microjobs.core.jobs;

import dev.microjobs.core.domain.Draft;

/** What a job's drafts cost so far: how many, their tokens (where reported) and provider time. */
public record DraftSpend(long drafts, long inputTokens, long outputTokens, long latencyMs) {
    public static final DraftSpend NONE = new DraftSpend(0, 0, 0, 0);

    /** What one draft cost: tokens a provider did not report count as none. */
    public static DraftSpend of(Draft draft) {
        return new DraftSpend(1, draft.inputTokens() == null ? 0 : draft.inputTokens(),
                draft.outputTokens() == null ? 0 : draft.outputTokens(), draft.latencyMs());
    }

    public DraftSpend plus(DraftSpend more) {
        return new DraftSpend(drafts + more.drafts, inputTokens + more.inputTokens, outputTokens + more.outputTokens,
                latencyMs + more.latencyMs);
    }

    public long tokens() {
        return inputTokens + outputTokens;
    }
}
