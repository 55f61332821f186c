package dev.microjobs.core.ports;

import dev.microjobs.core.domain.Job;
import dev.microjobs.core.jobs.DraftSpend;

import java.util.Collection;
import java.util.Map;

/** The part of the {@link JobStore} that drafting uses: the jobs it drafts for and what their drafts cost. */
public interface DraftingJobStore {

    /** The jobs with these ids that exist, by id, read consistently in as few requests as the store allows. */
    Map<String, Job> findJobs(Collection<String> jobIds);

    /** Adds drafts' count, tokens and latency to the job's running totals, in one atomic write. */
    void recordDraftSpend(String jobId, DraftSpend added);

    DraftSpend draftSpend(String jobId);
}
