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
import dev.microjobs.core.ports.DraftingJobStore;
import dev.microjobs.core.ports.Metrics;
import dev.microjobs.core.ports.TaskStore;
import dev.microjobs.core.ports.TaskStore.Transition;
import dev.microjobs.core.ports.TaskStore.Transitions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The drafts queue's consumer: drafts one input of a job once and makes each of its sibling
 * tasks READY with that draft. Each task moves with a conditional write from DRAFTING, so a
 * message delivered twice leaves one draft and one state change, and a task cancelled
 * meanwhile stays cancelled.
 *
 * <p>A queue batch is drafted as one {@link Batch}: its requests share one read of their jobs,
 * one of their tasks and one publish of their events; the drafts of a job that finish together
 * share the write of their spend, and the drafts of the batch that finish together make their
 * tasks READY in one batch of conditional writes ({@link GroupCommit} both), while each request
 * still drafts, and succeeds or fails, on its own.
 */
@Singleton
public class DraftTasks {
    private static final Logger LOG = LoggerFactory.getLogger(DraftTasks.class);

    private final DraftingJobStore jobs;
    private final TaskStore tasks;
    private final Drafter drafter;
    private final Clock clock;
    private final EventPublisher events;
    private final IdGenerator ids;
    private final Metrics metrics;

    public DraftTasks(DraftingJobStore jobs, TaskStore tasks, Drafter drafter, Clock clock, EventPublisher events,
                      IdGenerator ids, Metrics metrics) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.drafter = drafter;
        this.clock = clock;
        this.events = events;
        this.ids = ids;
        this.metrics = metrics;
    }

    /**
     * Reads the jobs and tasks of these requests, two reads in all and at the same time (the jobs'
     * on {@code reader}), for their messages to draft. A job that does not exist fails only the
     * requests naming it, when they are drafted.
     *
     * @throws RuntimeException when the store cannot be read; every request would have failed its own read
     */
    public Batch batch(Collection<DraftRequest> requests, Executor reader) {
        List<String> jobIds = requests.stream().map(DraftRequest::jobId).distinct().toList();
        CompletableFuture<Map<String, Job>> jobsRead = CompletableFuture.supplyAsync(() -> jobs.findJobs(jobIds), reader);
        Map<String, Task> tasksById = tasks.findAll(requests.stream().flatMap(request -> request.taskIds().stream())
                        .distinct().toList()).stream()
                .collect(Collectors.toMap(Task::id, Function.identity()));
        try {
            return new Batch(jobsRead.join(), tasksById);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * The requests of one queue batch, drafted concurrently (each on its own thread) with the jobs
     * and tasks read when the batch began: drafting uses only what a job cannot change, and a task
     * that left DRAFTING since is caught by its conditional write. Ends with
     * {@link #publishDrafted()}.
     */
    public final class Batch {
        private final Map<String, Job> jobsById;
        private final Map<String, Task> tasksById;
        /** Read when a budgeted job's first request of the batch drafts; its siblings draft at the same time anyway. */
        private final Map<String, DraftSpend> spendByJob = new ConcurrentHashMap<>();
        /** Drafts of one job finishing together add their spend in one write. */
        private final Map<String, GroupCommit<DraftSpend, Void>> spendWriters = new ConcurrentHashMap<>();
        /** Drafts finishing together make their tasks READY in one {@link TaskStore#transitionAll}. */
        private final GroupCommit<List<Transition>, Transitions> readyWrites = new GroupCommit<>(groups ->
                tasks.transitionAll(groups.stream().flatMap(List::stream).toList()));
        /** Tasks a request of this batch has taken, so a message delivered twice in one batch drafts once. */
        private final Set<String> taken = ConcurrentHashMap.newKeySet();
        private final Queue<Event> drafted = new ConcurrentLinkedQueue<>();

        private Batch(Map<String, Job> jobsById, Map<String, Task> tasksById) {
            this.jobsById = jobsById;
            this.tasksById = tasksById;
        }

        /** @throws IllegalArgumentException for a request naming a job that does not exist (a poisoned message) */
        public void draft(DraftRequest request) {
            MDC.put("jobId", request.jobId());
            Job job = jobsById.get(request.jobId());
            if (job == null) {
                throw new IllegalArgumentException("no job " + request.jobId());
            }
            List<Task> waiting = take(request);
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
                // Written before the tasks are READY, so a task never is with its draft's spend unwritten.
                spendWriters.computeIfAbsent(job.id(), jobId -> new GroupCommit<>(spends -> {
                    jobs.recordDraftSpend(jobId, spends.stream().reduce(DraftSpend.NONE, DraftSpend::plus));
                    return null;
                })).submit(DraftSpend.of(draft));
            }
            makeReady(waiting, draft);
        }

        /**
         * For a request that kept failing and reached the dead-letter queue: its tasks become READY
         * without a draft, so a failing provider never leaves work stuck in DRAFTING.
         */
        public void giveUp(DraftRequest request, String reason) {
            Job job = jobsById.get(request.jobId());
            if (job == null) {
                LOG.warn("dead-lettered draft request for missing job {} dropped", request.jobId());
                return;
            }
            makeReady(take(request), Draft.none(job.drafting().provider(), reason, clock.instant()));
        }

        /**
         * Publishes the TASK_DRAFTED events of every task the batch made READY, in one go. Like
         * any publish it never fails the caller, so the requests' outcomes stand either way.
         */
        public void publishDrafted() {
            if (!drafted.isEmpty()) {
                events.publish(List.copyOf(drafted));
            }
        }

        /** The request's tasks still DRAFTING when the batch began that no other request of the batch took. */
        private List<Task> take(DraftRequest request) {
            return request.taskIds().stream()
                    .map(tasksById::get)
                    .filter(task -> task != null && task.state() == TaskState.DRAFTING
                            && task.jobId().equals(request.jobId()))
                    .filter(task -> taken.add(task.id()))
                    .toList();
        }

        private boolean withinBudget(Job job) {
            Long cap = job.drafting().maxTokens();
            if (cap == null) {
                return true;
            }
            return spendByJob.computeIfAbsent(job.id(), jobs::draftSpend).tokens() < cap;
        }

        /**
         * Makes the tasks READY with the draft, each only if still as read; a task that moved on
         * meanwhile (cancelled, or made READY by a duplicate delivery) stays as it is and gets no
         * event.
         *
         * @throws IllegalStateException when a task could not be written, so its message comes
         *                               back; the tasks made READY keep their events
         */
        private void makeReady(List<Task> waiting, Draft draft) {
            if (waiting.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            List<Transition> transitions = waiting.stream().map(task -> new Transition(task, task.ready(draft, now))).toList();
            Transitions written = readyWrites.submit(transitions);
            List<String> unwritten = new ArrayList<>();
            for (Transition transition : transitions) {
                if (written.applied().contains(transition.taskId())) {
                    drafted.add(Event.of(ids, EventType.TASK_DRAFTED, transition.before(), now));
                } else if (written.unwritten().containsKey(transition.taskId())) {
                    unwritten.add(transition.taskId() + ": " + written.unwritten().get(transition.taskId()));
                } else {
                    LOG.info("task {} left DRAFTING meanwhile; draft not applied", transition.taskId());
                }
            }
            if (!unwritten.isEmpty()) {
                throw new IllegalStateException("tasks not made READY, to be drafted again: " + String.join("; ", unwritten));
            }
        }
    }
}
