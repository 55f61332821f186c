package dev.microjobs.core.events;

import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobStatus;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.ports.JobStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Publishes {@code job.completed} once a job has no task left that anyone still works on or must
 * judge (DRAFTING, READY, CLAIMED, SUBMITTED), so every task is approved, paid, rejected, expired
 * or cancelled. A cancelled job completes nothing.
 *
 * <p>Called after each change that can close a job's last open task: an approval or a final
 * rejection (the business's review), a payout (which re-checks shortly after an approval, so a
 * task state index that lagged behind the approval is caught up by then), and an expiry. The
 * first caller to see the job complete records it, so concurrent callers publish one event.
 */
@Singleton
public class JobCompletion {
    static final Set<TaskState> OPEN = Set.of(TaskState.DRAFTING, TaskState.READY, TaskState.CLAIMED,
            TaskState.SUBMITTED);

    private final JobStore jobs;
    private final EventStore store;
    private final EventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;

    public JobCompletion(JobStore jobs, EventStore store, EventPublisher events, IdGenerator ids, Clock clock) {
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
        Job job = jobs.findJob(jobId).orElse(null);
        if (job == null || job.status() == JobStatus.CANCELLED) {
            return;
        }
        Map<TaskState, Integer> counts = jobs.countTasksByState(jobId);
        // An open job whose tasks are not all counted yet still has tasks on their way.
        boolean tasksToCome = job.status() == JobStatus.OPEN && !job.countsEveryTask(counts);
        boolean open = tasksToCome || OPEN.stream().anyMatch(state -> counts.getOrDefault(state, 0) > 0);
        if (!open && store.firstCompletion(jobId)) {
            events.publish(Event.jobCompleted(ids, job.businessId(), jobId, clock.instant()));
        }
    }
}
