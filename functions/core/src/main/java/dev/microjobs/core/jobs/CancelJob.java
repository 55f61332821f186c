package dev.microjobs.core.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobStatus;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.errors.ConflictException;
import dev.microjobs.core.ledger.EntryReason;
import dev.microjobs.core.ledger.LedgerAccount;
import dev.microjobs.core.ledger.LedgerEntry;
import dev.microjobs.core.ports.JobStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/jobs/{id}/cancel}: stops a job. Tasks not yet submitted are cancelled and
 * their escrow goes back to the business's balance; submitted work is still reviewed as usual.
 * Cancelling a cancelled job again changes nothing.
 */
@Singleton
public class CancelJob {
    static final Set<TaskState> CANCELLABLE = Set.of(TaskState.DRAFTING, TaskState.READY, TaskState.CLAIMED);
    /** Each round re-reads only the tasks that moved meanwhile; a few rounds settle any race. */
    private static final int MAX_ROUNDS = 5;

    private final BusinessJobs businessJobs;
    private final JobStore jobs;
    private final IdGenerator ids;
    private final Clock clock;

    public CancelJob(BusinessJobs businessJobs, JobStore jobs, IdGenerator ids, Clock clock) {
        this.businessJobs = businessJobs;
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
    }

    public ObjectNode cancel(String businessId, String jobId) {
        Job job = businessJobs.job(businessId, jobId);
        if (job.status() != JobStatus.OPEN && job.status() != JobStatus.CANCELLED) {
            throw new ConflictException("Job " + job.id() + " is " + job.status() + " and can no longer be cancelled");
        }
        jobs.markCancelled(job.id());
        List<Task> pending = jobs.tasksIn(job, CANCELLABLE);
        for (int round = 0; round < MAX_ROUNDS && !pending.isEmpty(); round++) {
            List<Task> moved = jobs.closeTasks(job, pending, TaskState.CANCELLED, clock.instant(), amount -> new LedgerEntry(ids.next(IdType.LEDGER_ENTRY),
                    LedgerAccount.businessEscrow(businessId), LedgerAccount.businessAvailable(businessId), amount,
                    EntryReason.ESCROW_RELEASE, job.id(), null, clock.instant()));
            pending = moved.isEmpty() ? List.of() : jobs.tasksIn(job, CANCELLABLE);
        }
        if (!pending.isEmpty()) {
            throw new ConflictException("Some tasks of job " + job.id() + " kept changing while cancelling; retry");
        }
        return businessJobs.jobDetail(businessId, jobId);
    }
}
