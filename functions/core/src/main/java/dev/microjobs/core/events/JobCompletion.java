package dev.microjobs.core.events;

import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobStatus;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.ports.JobProgressStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Publishes {@code job.completed} once a job has no task left that anyone still works on or must
 * judge (DRAFTING, READY, CLAIMED, SUBMITTED), so every task is approved, paid, rejected, expired
 * or cancelled. A cancelled job completes nothing.
 *
 * <p>Called after each change that can close a job's last open task: an approval or a final
 * rejection (the business's review) and a payout (which re-checks shortly after an approval, so a
 * task state index that lagged behind the approval is caught up by then); and by the sweeper,
 * every minute, for each job it still tracks, which catches an expiry and any check that read a
 * lagging index. The first caller to see the job complete records it, so concurrent callers
 * publish one event.
 */
@Singleton
public class JobCompletion {
    /** The states of a task someone still works on or must judge, the most populous of a job in progress first. */
    static final List<TaskState> OPEN = List.of(TaskState.READY, TaskState.SUBMITTED, TaskState.CLAIMED,
            TaskState.DRAFTING);
    /**
     * Jobs of up to this many tasks are counted in one read of their index entries (one page); a
     * larger job is first asked whether any task is still open, so that the check after each of its
     * payouts does not read the index entries of all its tasks, which would make a job's checks
     * grow with the square of its size.
     */
    static final int COUNTED_IN_ONE_READ = 100;

    private final JobProgressStore jobs;
    private final EventStore store;
    private final EventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;

    public JobCompletion(JobProgressStore jobs, EventStore store, EventPublisher events, IdGenerator ids, Clock clock) {
        this.jobs = jobs;
        this.store = store;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    public void check(Collection<String> jobIds) {
        jobIds.stream().distinct().forEach(this::check);
    }

    public void check(String jobId) {
        JobProgressStore.Progress progress = jobs.findProgress(jobId).orElse(null);
        // Most checks after payouts come once the approval of the job's last tasks has published it.
        if (progress == null || progress.completionRecorded() || progress.job().status() == JobStatus.CANCELLED) {
            return;
        }
        Job job = progress.job();
        if (job.taskCount() > COUNTED_IN_ONE_READ && jobs.hasTaskIn(jobId, OPEN)) {
            return;
        }
        complete(job, jobs.countTasksByState(jobId));
    }

    /**
     * The check, with the job's task counts per state as the caller has just read them: the job
     * is read only when no task in them is open.
     */
    public void checkCounted(String jobId, Map<TaskState, Integer> counts) {
        if (!anyOpen(counts)) {
            jobs.findProgress(jobId).filter(progress -> !progress.completionRecorded())
                    .ifPresent(progress -> complete(progress.job(), counts));
        }
    }

    private void complete(Job job, Map<TaskState, Integer> counts) {
        if (job.status() == JobStatus.CANCELLED) {
            return;
        }
        // An open job whose tasks are not all counted yet still has tasks on their way.
        boolean tasksToCome = job.status() == JobStatus.OPEN && !job.countsEveryTask(counts);
        if (!tasksToCome && !anyOpen(counts) && store.firstCompletion(job.id())) {
            events.publish(Event.jobCompleted(ids, job.businessId(), job.id(), clock.instant()));
        }
    }

    private static boolean anyOpen(Map<TaskState, Integer> counts) {
        return OPEN.stream().anyMatch(state -> counts.getOrDefault(state, 0) > 0);
    }
}
