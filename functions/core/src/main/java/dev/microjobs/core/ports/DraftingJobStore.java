package dev.microjobs.core.ports;

import dev.microjobs.core.domain.Draft;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.jobs.DraftSpend;

import java.util.Collection;
import java.util.Map;

/** The part of the {@link JobStore} that drafting uses: the jobs it drafts for and what their drafts cost. */
public interface DraftingJobStore {

    /** The jobs with these ids that exist, by id, read consistently in as few requests as the store allows. */
    Map<String, Job> findJobs(Collection<String> jobIds);

    /** Adds one draft's tokens and latency to the job's running totals. */
    void recordDraftSpend(String jobId, Draft draft);

    DraftSpend draftSpend(String jobId);
}
