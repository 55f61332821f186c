package dev.microjobs.core.approvals;

import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.errors.ConflictException;
import dev.microjobs.core.errors.InsufficientBalanceException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

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
    }

    /** Verdicts on a whole job: how many tasks each got. */
    public record JobApproval(int approved, int unchanged) {
    }

    public Task approve(String businessId, String taskId) {
        return approveAndPublish(businessJobs.task(businessId, taskId));
    }

    /** Approves every submitted task of the job. */
    public JobApproval approveJob(String businessId, String jobId) {
        Job job = businessJobs.job(businessId, jobId);
        int approved = 0;
        int unchanged = 0;
        List<Event> approvals = new ArrayList<>();
        for (Task task : jobs.tasksIn(job, Set.of(TaskState.SUBMITTED))) {
            if (approve(task, approvals).state() == TaskState.APPROVED) {
                approved++;
            } else {
                unchanged++;
            }
        }
        // One publish for the whole job: a hundred separate ones would take most of a request's time.
        events.publish(approvals);
        completion.check(job.id());
        return new JobApproval(approved, unchanged);
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
            List<LedgerEntry> entries = requeue ? List.of() : entries(entry(
                    LedgerAccount.businessEscrow(task.businessId()), LedgerAccount.businessAvailable(task.businessId()),
                    task.reward().plus(task.fee()), EntryReason.ESCROW_RELEASE, task, now));
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
        List<Event> approvals = new ArrayList<>();
        Task approved = approve(task, approvals);
        events.publish(approvals);
        completion.check(approved.jobId());
        return approved;
    }

    /** Approves the task; when this call is the one that approved it, adds its event to {@code approvals}. */
    private Task approve(Task task, List<Event> approvals) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            String source;
            switch (task.state()) {
                case APPROVED -> {
                    // The earlier approval may have crashed before asking for the payout: asking again is harmless.
                    payouts.settle(task.submission().workerId(), task.reward().currency());
                    return task;
                }
                case PAID -> {
                    return task;
                }
                case SUBMITTED -> source = LedgerAccount.businessEscrow(task.businessId());
                case REJECTED -> {
                    if (task.updatedAt().plus(UNDO_REJECTION_WITHIN).isBefore(now)) {
                        throw new ConflictException("Task " + task.id() + " was rejected more than "
                                + UNDO_REJECTION_WITHIN.toDays() + " days ago and can no longer be approved");
                    }
                    // Its escrow went back to the balance on rejection, so approval pays from the balance.
                    source = LedgerAccount.businessAvailable(task.businessId());
                }
                default -> throw new ConflictException("Task " + task.id() + " is " + task.state()
                        + "; only submitted work (or work rejected in the last 7 days) can be approved");
            }
            String workerId = task.submission().workerId();
            Task after = task.transition(TaskState.APPROVED, now);
            List<LedgerEntry> entries = entries(
                    entry(source, LedgerAccount.workerEarnings(workerId), task.reward(), EntryReason.REWARD, task, now),
                    entry(source, LedgerAccount.PLATFORM_FEES, task.fee(), EntryReason.PLATFORM_FEE, task, now));
            switch (commit(task, after, entries)) {
                case COMMITTED -> {
                    approvals.add(Event.of(ids, EventType.TASK_APPROVED, after, now));
                    payouts.settle(workerId, task.reward().currency());
                    return after;
                }
                case INSUFFICIENT_FUNDS -> throw new InsufficientBalanceException("Approving task " + task.id()
                        + " again needs " + task.reward().plus(task.fee()) + " from your available balance");
                case MOVED_ON -> task = reload(task);
            }
        }
        throw new ConflictException("Task " + task.id() + " kept changing; retry");
    }

    private LedgerStore.Outcome commit(Task before, Task after, List<LedgerEntry> entries) {
        return ledger.commit(new LedgerStore.Commit(List.of(new LedgerStore.TaskChange(before, after)), entries,
                Optional.empty()));
    }

    /** A zero amount (a fee of 0 basis points) moves nothing and gets no entry. */
    private Optional<LedgerEntry> entry(String from, String to, Money amount, EntryReason reason, Task task, Instant at) {
        return amount.isPositive()
                ? Optional.of(new LedgerEntry(ids.next(IdType.LEDGER_ENTRY), from, to, amount, reason, task.jobId(),
                task.id(), at))
                : Optional.empty();
    }

    @SafeVarargs
    private static List<LedgerEntry> entries(Optional<LedgerEntry>... entries) {
        return Stream.of(entries).flatMap(Optional::stream).toList();
    }

    private Task reload(Task task) {
        return tasks.findAll(List.of(task.id())).stream().findFirst()
                .orElseThrow(() -> new ConflictException("Task " + task.id() + " disappeared"));
    }
}
