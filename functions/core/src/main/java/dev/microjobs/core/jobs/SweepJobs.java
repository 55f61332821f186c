package dev.microjobs.core.jobs;

import dev.microjobs.core.approvals.ReviewSubmissions;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobStatus;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.errors.ConflictException;
import dev.microjobs.core.events.Event;
import dev.microjobs.core.events.EventPublisher;
import dev.microjobs.core.events.EventType;
import dev.microjobs.core.events.JobCompletion;
import dev.microjobs.core.ledger.EntryReason;
import dev.microjobs.core.ledger.LedgerAccount;
import dev.microjobs.core.ledger.LedgerEntry;
import dev.microjobs.core.ports.JobStore;
import dev.microjobs.core.ports.Page;
import dev.microjobs.core.sweeper.Sweep;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sweeper's pass over active jobs: an open job past its expiry is expired and the escrow of
 * its tasks never submitted goes back to the business; submitted work not reviewed within the
 * job's {@code autoApproveAfterSeconds} is approved; a job with no task left open publishes
 * {@code job.completed} if no one did yet ({@link JobCompletion}: an expiry closes tasks with no
 * other check after it, and a check after an approval may have read a lagging index); a job none
 * of whose tasks can change any more leaves the active list (an open one as COMPLETED).
 */
@Singleton
@Order(20)
public class SweepJobs implements Sweep {
    static final Set<TaskState> NOT_SUBMITTED = Set.of(TaskState.DRAFTING, TaskState.READY, TaskState.CLAIMED);
    static final Set<TaskState> UNSETTLED = Set.of(TaskState.DRAFTING, TaskState.READY, TaskState.CLAIMED,
            TaskState.SUBMITTED, TaskState.APPROVED);
    private static final int PAGE = 100;
    private static final Logger LOG = LoggerFactory.getLogger(SweepJobs.class);

    private final JobStore jobs;
    private final ReviewSubmissions review;
    private final JobCompletion completion;
    private final EventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;

    public SweepJobs(JobStore jobs, ReviewSubmissions review, JobCompletion completion, EventPublisher events,
                     IdGenerator ids, Clock clock) {
        this.jobs = jobs;
        this.review = review;
        this.completion = completion;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "jobs";
    }

    /** @return tasks expired or auto-approved plus jobs finished */
    @Override
    public int sweep(Instant now, Instant deadline) {
        int changed = 0;
        for (Job job : jobs.activeJobs()) {
            if (clock.instant().isAfter(deadline)) {
                break;
            }
            try {
                changed += sweep(job, now);
            } catch (RuntimeException e) {
                // One job's trouble must not hold up every other job's expiry and approvals.
                LOG.error("sweeping job {} failed; the next run tries again", job.id(), e);
            }
        }
        return changed;
    }

    private int sweep(Job job, Instant now) {
        int changed = 0;
        if (job.status() == JobStatus.OPEN && !job.expiresAt().isAfter(now) && jobs.markExpired(job.id())) {
            changed += expireUnsubmitted(job);
        }
        changed += autoApproveOverdue(job, now);
        Map<TaskState, Integer> counts = jobs.countTasksByState(job.id());
        completion.checkCounted(job.id(), counts);
        // An open job's tasks may still be on their way (a submission between its two writes, or
        // being resumed after a failure); an expired or cancelled job gets no new ones.
        boolean everyTaskCounted = job.status() != JobStatus.OPEN || job.countsEveryTask(counts);
        if (everyTaskCounted && UNSETTLED.stream().allMatch(state -> counts.getOrDefault(state, 0) == 0)) {
            jobs.finish(jobs.findJob(job.id()).orElse(job));
            changed++;
        }
        return changed;
    }

    private int expireUnsubmitted(Job job) {
        int expired = 0;
        List<Task> pending = jobs.tasksIn(job, NOT_SUBMITTED);
        for (int round = 0; round < 5 && !pending.isEmpty(); round++) {
            Instant at = clock.instant();
            List<Task> moved = jobs.closeTasks(job, pending, TaskState.EXPIRED, at, amount ->
                    new LedgerEntry(ids.next(IdType.LEDGER_ENTRY), LedgerAccount.businessEscrow(job.businessId()),
                            LedgerAccount.businessAvailable(job.businessId()), amount, EntryReason.ESCROW_RELEASE,
                            job.id(), null, at));
            List<Task> closed = pending.stream().filter(task -> !moved.contains(task)).toList();
            events.publish(closed.stream()
                    .map(task -> Event.of(ids, EventType.TASK_EXPIRED, task.transition(TaskState.EXPIRED, at), at))
                    .toList());
            expired += closed.size();
            pending = moved.isEmpty() ? List.of() : jobs.tasksIn(job, NOT_SUBMITTED);
        }
        return expired;
    }

    private int autoApproveOverdue(Job job, Instant now) {
        int approved = 0;
        Optional<String> cursor = Optional.empty();
        do {
            Page<Task> page = jobs.listTasks(job.id(), Optional.of(TaskState.SUBMITTED), cursor, PAGE);
            for (Task task : page.items()) {
                Instant due = task.submission().submittedAt().plusSeconds(job.autoApproveAfterSeconds());
                if (!due.isAfter(now)) {
                    try {
                        if (review.autoApprove(task).state() == TaskState.APPROVED) {
                            approved++;
                        }
                    } catch (ConflictException e) {
                        LOG.info("task {} not auto-approved: {}", task.id(), e.getMessage());
                    }
                }
            }
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return approved;
    }
}
