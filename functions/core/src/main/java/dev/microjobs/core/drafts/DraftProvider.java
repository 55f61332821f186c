package dev.microjobs.core.drafts;

import dev.microjobs.core.domain.DraftProviderName;

/** One way of drafting a task: offline heuristics, an LLM API, or the business's own hook. */
public interface DraftProvider {

    DraftProviderName name();

    /**
     * Drafts the task described by {@code request}.
     *
     * @throws UnsupportedDraftException if this provider cannot draft the job's type at all
     * @throws DraftProviderException for any other failure, saying whether a retry may help
     */
    DraftResult draft(DraftRequest request);
}
