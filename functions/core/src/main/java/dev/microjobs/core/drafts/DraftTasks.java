package dev.microjobs.core.drafts;

import dev.microjobs.core.domain.Draft;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.events.Event;
import dev.microjobs.core.events.EventPublisher;
import dev.microjobs.core.events.EventType;
import dev.microjobs.core.jobs.DraftSpend;
import dev.microjobs.core.ports.DraftQueue.DraftRequest;
import dev.microjobs.core.ports.JobStore;
import dev.microjobs.core.ports.Metrics;
import dev.microjobs.core.ports.TaskStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The drafts queue's consumer: drafts one input of a job once and makes each of its sibling
 * tasks READY with that draft. Each task moves with a conditional write from DRAFTING, so a
 * message delivered twice leaves one draft and one state change, and a task cancelled
 * meanwhile stays cancelled.
 */
@Singleton
public class DraftTasks {
    private static final Logger LOG = LoggerFactory.getLogger(DraftTasks.class);

    private final JobStore jobs;
    private final TaskStore tasks;
    private final Drafter drafter;
    private final Clock clock;
    private final EventPublisher events;
    private final IdGenerator ids;
    private final Metrics metrics;

    public DraftTasks(JobStore jobs, TaskStore tasks, Drafter drafter, Clock clock, EventPublisher events,
                      IdGenerator ids, Metrics metrics) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.drafter = drafter;
        this.clock = clock;
        this.events = events;
        this.ids = ids;
        this.metrics = metrics;
    }

    /** @throws IllegalArgumentException for a request naming a job that does not exist (a poisoned message) */
    public void draft(DraftRequest request) {
        MDC.put("jobId", request.jobId());
        Job job = jobs.findJob(request.jobId())
                .orElseThrow(() -> new IllegalArgumentException("no job " + request.jobId()));
        List<Task> waiting = stillDrafting(request);
        if (waiting.isEmpty()) {
            return;
        }
        Task first = waiting.get(0);
        Draft draft = withinBudget(job)
                ? drafter.draft(job, first.id(), first.input())
                : Draft.none(job.drafting().provider(), "The job's draft budget of " + job.drafting().maxTokens()
                + " tokens is used up", clock.instant());
        if (draft.hasContent()) {
            metrics.milliseconds("DraftLatency", draft.latencyMs());
        }
        if (draft.hasContent() || draft.inputTokens() != null) {
            jobs.recordDraftSpend(job.id(), draft);
        }
        makeReady(waiting, draft);
    }

    /**
     * For a request that kept failing and reached the dead-letter queue: its tasks become READY
     * without a draft, so a failing provider never leaves work stuck in DRAFTING.
     */
    public void giveUp(DraftRequest request, String reason) {
        Job job = jobs.findJob(request.jobId()).orElse(null);
        if (job == null) {
            LOG.warn("dead-lettered draft request for missing job {} dropped", request.jobId());
            return;
        }
        makeReady(stillDrafting(request), Draft.none(job.drafting().provider(), reason, clock.instant()));
    }

    private List<Task> stillDrafting(DraftRequest request) {
        return tasks.findAll(request.taskIds()).stream()
                .filter(task -> task.state() == TaskState.DRAFTING && task.jobId().equals(request.jobId()))
                .toList();
    }

    private boolean withinBudget(Job job) {
        Long cap = job.drafting().maxTokens();
        if (cap == null) {
            return true;
        }
        DraftSpend spend = jobs.draftSpend(job.id());
        return spend.tokens() < cap;
    }

    private void makeReady(List<Task> waiting, Draft draft) {
        List<Event> drafted = new ArrayList<>();
        for (Task task : waiting) {
            Instant now = clock.instant();
            if (tasks.transition(task, task.ready(draft, now))) {
                drafted.add(Event.of(ids, EventType.TASK_DRAFTED, task, now));
            } else {
                LOG.info("task {} left DRAFTING meanwhile; draft not applied", task.id());
            }
        }
        if (!drafted.isEmpty()) {
            events.publish(drafted);
        }
    }
}
