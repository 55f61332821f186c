package dev.microjobs.core.approvals;

import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.errors.ConflictException;
import dev.microjobs.core.events.Event;
import dev.microjobs.core.events.EventPublisher;
import dev.microjobs.core.events.EventType;
import dev.microjobs.core.events.JobCompletion;
import dev.microjobs.core.jobs.BusinessJobs;
import dev.microjobs.core.ledger.EntryReason;
import dev.microjobs.core.ledger.LedgerAccount;
import dev.microjobs.core.ledger.LedgerEntry;
import dev.microjobs.core.ports.JobStore;
import dev.microjobs.core.ports.LedgerStore;
import dev.microjobs.core.ports.PayoutQueue;
import dev.microjobs.core.ports.TaskStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A business's verdict on submitted work. Approval moves the reward from escrow to the worker's
 * earnings and the fee to the platform, in the transaction that approves the task, then asks
 * for the payout. Rejection either requeues the task for another worker (escrow stays held) or
 * returns its escrow to the business; a rejection without requeue can be undone by approving
 * within {@link #UNDO_REJECTION_WITHIN}. Approving an approved or paid task changes nothing.
 */
@Singleton
public class ReviewSubmissions {
    public static final Duration UNDO_REJECTION_WITHIN = Duration.ofDays(7);
    /** A transition lost to a concurrent one is re-read and tried again, a few times. */
    private static final int ATTEMPTS = 4;

    private final BusinessJobs businessJobs;
    private final JobStore jobs;
    private final TaskStore tasks;
    private final LedgerStore ledger;
    private final PayoutQueue payouts;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventPublisher events;
    private final JobCompletion completion;
    private final TaskApprovals approvals;

    public ReviewSubmissions(BusinessJobs businessJobs, JobStore jobs, TaskStore tasks, LedgerStore ledger,
                             PayoutQueue payouts, IdGenerator ids, Clock clock, EventPublisher events,
                             JobCompletion completion) {
        this.businessJobs = businessJobs;
        this.jobs = jobs;
        this.tasks = tasks;
        this.ledger = ledger;
        this.payouts = payouts;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.completion = completion;
        this.approvals = new TaskApprovals(ledger, tasks, ids, clock);
    }

    /** Verdicts on a whole job: how many tasks each got. */
    public record JobApproval(int approved, int unchanged) {
    }

    public Task approve(String businessId, String taskId) {
        return approveAndPublish(businessJobs.task(businessId, taskId));
    }

    /** Approves every submitted task of the job, a chunk of tasks per transaction. */
    public JobApproval approveJob(String businessId, String jobId) {
        Job job = businessJobs.job(businessId, jobId);
        TaskApprovals.ApprovalRun run = new TaskApprovals.ApprovalRun();
        try {
            approvals.approveAll(jobs.tasksIn(job, Set.of(TaskState.SUBMITTED)), run);
        } finally {
            // A task that cannot be approved (402, 409) stops the rest; what was approved before it is told all the same.
            finish(run, job.id());
        }
        return new JobApproval(run.approved, run.unchanged);
    }

    /** Approves a task submitted and not reviewed in time (the sweeper's auto-approval). */
    public Task autoApprove(Task submitted) {
        return approveAndPublish(submitted);
    }

    public Task reject(String businessId, String taskId, boolean requeue) {
        Task task = businessJobs.task(businessId, taskId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (task.state() == TaskState.REJECTED && !requeue) {
                return task;
            }
            if (task.state() != TaskState.SUBMITTED) {
                throw new ConflictException("Task " + task.id() + " is " + task.state()
                        + "; only submitted work can be rejected");
            }
            Instant now = clock.instant();
            Task after = task.transition(requeue ? TaskState.READY : TaskState.REJECTED, now);
            List<LedgerEntry> entries = requeue ? List.of() : approvals.entry(
                    LedgerAccount.businessEscrow(task.businessId()), LedgerAccount.businessAvailable(task.businessId()),
                    task.reward().plus(task.fee()), EntryReason.ESCROW_RELEASE, task, now).stream().toList();
            if (commit(task, after, entries) == LedgerStore.Outcome.COMMITTED) {
                // A requeue is a rejection of this worker's work too, though the task goes on.
                events.publish(Event.of(ids, EventType.TASK_REJECTED, after, now));
                if (!requeue) {
                    completion.check(after.jobId());
                }
                return after;
            }
            task = reload(task);
        }
        throw new ConflictException("Task " + taskId + " kept changing; retry");
    }

    private Task approveAndPublish(Task task) {
        TaskApprovals.ApprovalRun run = new TaskApprovals.ApprovalRun();
        Task approved = approvals.approve(task, run);
        finish(run, approved.jobId());
        return approved;
    }

    /**
     * Publishes the run's events (one publish: a hundred separate ones would take most of a
     * request's time), then asks for the payouts, once per worker: a request lost to a failure
     * here is sent again by the sweeper (SweepPayouts).
     */
    private void finish(TaskApprovals.ApprovalRun run, String jobId) {
        events.publish(run.events);
        completion.check(jobId);
        payouts.settleAll(run.settlements);
    }

    private LedgerStore.Outcome commit(Task before, Task after, List<LedgerEntry> entries) {
        return ledger.commit(new LedgerStore.Commit(List.of(new LedgerStore.TaskChange(before, after)), entries,
                Optional.empty()));
    }

    private Task reload(Task task) {
        return tasks.findAll(List.of(task.id())).stream().findFirst()
                .orElseThrow(() -> new ConflictException("Task " + task.id() + " disappeared"));
    }
}
