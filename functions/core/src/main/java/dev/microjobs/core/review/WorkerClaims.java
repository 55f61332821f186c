package dev.microjobs.core.review;

import dev.microjobs.core.events.Event;
import dev.microjobs.core.events.EventPublisher;
import dev.microjobs.core.events.EventType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.core.Remembered;
import dev.microjobs.core.accounts.Authenticator;
import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.domain.Claim;
import dev.microjobs.core.domain.DraftUse;
import dev.microjobs.core.domain.EditDistance;
import dev.microjobs.core.domain.Id;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.InvalidIdException;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobStatus;
import dev.microjobs.core.domain.Submission;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.errors.ConflictException;
import dev.microjobs.core.errors.NotFoundException;
import dev.microjobs.core.errors.UnauthorizedException;
import dev.microjobs.core.validation.ValidationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A worker's side of the review queue: claim the next task under a lease, extend or release
 * the lease, hand in the work. Every change is a conditional write on the task as read, so
 * two workers never hold one task and a claim that ended can no longer change it.
 *
 * <p>Offer order: READY tasks, highest reward first, then oldest (the READY index's order);
 * with a preferred skill, that skill's tasks come first in the same order. After the READY
 * tasks come tasks whose lease ran out but that the sweeper has not put back yet (the longest
 * expired first), so an expired lease is taken over without waiting for the next sweep.
 *
 * <p>That order is kept up to a spread: in each of those queues a claim first tries, in random
 * order, the first {@link #SPREAD} tasks the worker may take (sought among the first
 * {@link #SPREAD_WINDOW} entries), and only when all of those were taken meanwhile goes on
 * down the queue in order. So a worker gets one of the {@code SPREAD} best tasks open to
 * them, not necessarily the very best; between tasks further apart than that the order holds.
 */
@Singleton
public class WorkerClaims {
    /** Index entries one claim looks through before answering that nothing is claimable. */
    static final int MAX_CANDIDATES_SCANNED = 500;
    /** Tries on one task whose index entry was stale or whose write collided with another. */
    static final int MAX_ATTEMPTS_PER_TASK = 4;
    /**
     * How many of the first claimable tasks a claim picks from at random. Workers asking at the
     * same moment read the same head of the queue; if each tried its first task, all but one would
     * lose that race and collide again on the next, each lost race costing writes. About the
     * number of workers claiming at once (8 in the benchmark) keeps most claims first-time winners,
     * and it is also how far the offer order may bend.
     */
    static final int SPREAD = 16;
    /**
     * Index entries the spread is sought among: one page of the index as the DynamoDB adapter reads
     * it, so that for a worker who may do few of the tasks, spreading never reads the queue further
     * than trying in order would before the first try.
     */
    static final int SPREAD_WINDOW = 50;
    /** A worker's mark on an input outlives the job by this much, then the table forgets it. */
    static final Duration MARK_KEPT_AFTER_JOB = Duration.ofDays(30);
    /**
     * How long an instance claims with a worker's profile (skills) and a job as it read them: as
     * long as it trusts the worker's token ({@link Authenticator#REMEMBERED_FOR}). A worker asks
     * for a task many times a minute, mostly finding none while the queue is empty, and each claim
     * read both. Profiles do not change after a worker is created today; if skills come to be
     * edited, claims on a warm instance follow within this time. Of a job, a claim uses what never
     * changes (expiry, lease time, title) and its status, which may then be up to this old: a job
     * cancelled, expired or completed has no READY task left to offer, and a task it still has
     * (a cancellation half done) is claimed on the condition of the task's own state, as before.
     */
    static final Duration REMEMBERED_FOR = Authenticator.REMEMBERED_FOR;
    static final int MAX_REMEMBERED_WORKERS = 10_000;
    static final int MAX_REMEMBERED_JOBS = 1_000;

    private final ReviewStore store;
    private final IdGenerator ids;
    private final Clock clock;

    private final EventPublisher events;
    private final Random random;
    private final Remembered<String, Worker> workers;
    private final Remembered<String, Job> jobs;

    @Inject
    public WorkerClaims(ReviewStore store, EventPublisher events, IdGenerator ids, Clock clock) {
        this(store, events, ids, clock, new Random());
    }

    /** With the randomness of the spread fixed, for tests. */
    WorkerClaims(ReviewStore store, EventPublisher events, IdGenerator ids, Clock clock, Random random) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.random = random;
        this.workers = new Remembered<>(REMEMBERED_FOR, MAX_REMEMBERED_WORKERS, clock);
        this.jobs = new Remembered<>(REMEMBERED_FOR, MAX_REMEMBERED_JOBS, clock);
    }

    /** A task under a live claim, with the job it belongs to (for its title and instructions). */
    public record ClaimedTask(Task task, Job job) {
    }

    /** Claims the next task the worker may do, or nothing when none is free. */
    public Optional<ClaimedTask> claimNext(String workerId, Optional<String> preferredSkill) {
        Worker worker = worker(workerId);
        if (preferredSkill.isPresent() && !worker.skills().contains(preferredSkill.get())) {
            throw ValidationException.of("skill", "must be one of your skills: " + worker.skills().stream().sorted().toList());
        }
        List<Iterable<ClaimCandidate>> sources = new ArrayList<>();
        preferredSkill.ifPresent(skill -> sources.add(store.readyTasks(Optional.of(skill))));
        sources.add(store.readyTasks(Optional.empty()));
        sources.add(store.expiredLeases(clock.instant()));

        Scan scan = new Scan(worker);
        for (Iterable<ClaimCandidate> source : sources) {
            Iterator<ClaimCandidate> candidates = source.iterator();
            List<ClaimCandidate> head = scan.head(candidates);
            Collections.shuffle(head, random);
            for (ClaimCandidate candidate : head) {
                Optional<ClaimedTask> claimed = scan.tryClaim(candidate);
                if (claimed.isPresent()) {
                    return claimed;
                }
            }
            for (Optional<ClaimCandidate> next = scan.next(candidates); next.isPresent(); next = scan.next(candidates)) {
                Optional<ClaimedTask> claimed = scan.tryClaim(next.get());
                if (claimed.isPresent()) {
                    return claimed;
                }
            }
        }
        return Optional.empty();
    }

    /** Adds the job's lease time again, up to two hours from the claim. */
    public ClaimedTask extend(String workerId, String claimId) {
        Task task = taskOf(workerId, claimId);
        Instant now = clock.instant();
        requireLive(task, claimId, now);
        Job job = job(task.jobId()).orElseThrow(() -> new NotFoundException("The job of this claim is gone"));
        Claim claim = task.claim();
        Instant latest = Lease.latestExpiry(claim.claimedAt());
        Instant wanted = claim.leaseExpiresAt().plusSeconds(job.leaseSeconds());
        Instant expiresAt = wanted.isAfter(latest) ? latest : wanted;
        if (!expiresAt.isAfter(claim.leaseExpiresAt())) {
            throw new ConflictException("The lease already runs to " + claim.leaseExpiresAt() + ", "
                    + Lease.MAX_FROM_CLAIM.toHours() + " hours from the claim, which is as long as a lease may run");
        }
        Task after = Lease.extended(task, expiresAt, now);
        if (!store.update(task, after)) {
            throw new ConflictException("The task changed while extending the lease; read it again");
        }
        return new ClaimedTask(after, job);
    }

    /** Gives the task back: READY again at once, for anyone (this worker included). */
    public Task release(String workerId, String claimId) {
        Task task = taskOf(workerId, claimId);
        if (!Lease.isHeldUnder(task, claimId)) {
            throw ended(task, claimId);
        }
        Task after = task.transition(TaskState.READY, clock.instant());
        if (!store.endLease(task, after)) {
            throw new ConflictException("The task changed while releasing it; read it again");
        }
        return after;
    }

    /**
     * Hands in the work under a live lease. The draft's use is recorded as the worker says,
     * except that with no draft to use it is always {@code discarded}; the edit ratio measures
     * how much of the draft changed (1 without a draft).
     */
    public Task submit(String workerId, String claimId, WorkerRequests.SubmitRequest request) {
        Task task = taskOf(workerId, claimId);
        Instant now = clock.instant();
        requireNotHandedIn(task, claimId);
        requireLive(task, claimId, now);
        Claim claim = task.claim();
        JsonNode output = request.output();
        boolean hadDraft = task.draft().hasContent();
        double editRatio = hadDraft ? EditDistance.ratio(task.draft().content(), output) : 1.0;
        DraftUse draftUsed = hadDraft ? request.draftUsed() : DraftUse.DISCARDED;
        long secondsSpent = Duration.between(claim.claimedAt(), now).toSeconds();
        Submission submission = new Submission(claimId, workerId, output, draftUsed, claim.claimedAt(), now,
                secondsSpent, editRatio);
        Task after = task.submit(submission, now);
        if (!store.update(task, after)) {
            // A second submit racing this one, or the lease ending: say which, from the task as it is now.
            Task current = store.findTask(task.id()).orElse(task);
            requireNotHandedIn(current, claimId);
            throw ended(current, claimId);
        }
        events.publish(Event.of(ids, EventType.TASK_SUBMITTED, after, now));
        return after;
    }

    /**
     * One claim's walk down the queues: what it has tried and learned on the way, so that no task,
     * closed job or input the worker already works costs a second write or read.
     */
    private final class Scan {
        private final Worker worker;
        private final Set<String> tried = new HashSet<>();
        /** Inputs ({@code jobId#inputIndex}) of which the worker holds or handed in a task already. */
        private final Set<String> inputsWorked = new HashSet<>();
        private int scanned;

        Scan(Worker worker) {
            this.worker = worker;
        }

        /** Up to {@link #SPREAD} tasks worth a try among the next {@link #SPREAD_WINDOW} entries, in index order. */
        List<ClaimCandidate> head(Iterator<ClaimCandidate> candidates) {
            List<ClaimCandidate> head = new ArrayList<>();
            int windowEnd = scanned + SPREAD_WINDOW;
            while (head.size() < SPREAD) {
                Optional<ClaimCandidate> next = next(candidates, windowEnd);
                if (next.isEmpty()) {
                    break;
                }
                head.add(next.get());
            }
            return head;
        }

        /** The next task worth a try, or nothing at the end of the queue or of what one claim may scan. */
        Optional<ClaimCandidate> next(Iterator<ClaimCandidate> candidates) {
            return next(candidates, MAX_CANDIDATES_SCANNED);
        }

        private Optional<ClaimCandidate> next(Iterator<ClaimCandidate> candidates, int scanLimit) {
            while (scanned < Math.min(scanLimit, MAX_CANDIDATES_SCANNED) && candidates.hasNext()) {
                scanned++;
                ClaimCandidate candidate = candidates.next();
                if (candidate.claimableWith(worker.skills()) && !inputsWorked.contains(candidate.input())
                        && tried.add(candidate.taskId())) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }

        /**
         * Reads the task and claims it if it is free: the index entry may be older than the task,
         * which another worker may have claimed since. A lost race moves on at once: the failed
         * write says what the task is now, and only a task that is still free under a newer
         * version (a write in between, or a lease that ran out) is tried again.
         */
        Optional<ClaimedTask> tryClaim(ClaimCandidate candidate) {
            Optional<Task> read = store.findTask(candidate.taskId());
            if (read.isEmpty()) {
                return Optional.empty();
            }
            Task task = read.get();
            for (int attempt = 1; attempt <= MAX_ATTEMPTS_PER_TASK; attempt++) {
                Instant now = clock.instant();
                boolean free = task.state() == TaskState.READY
                        || task.state() == TaskState.CLAIMED && Lease.hasExpired(task.claim(), now);
                // An input learned to be worked after this task was picked for the spread is skipped here.
                if (!free || inputsWorked.contains(candidate.input())) {
                    return Optional.empty();
                }
                Optional<Job> job = job(task.jobId());
                if (job.isEmpty() || job.get().status() != JobStatus.OPEN || !now.isBefore(job.get().expiresAt())) {
                    return Optional.empty();
                }
                long leaseSeconds = Math.min(job.get().leaseSeconds(), Lease.MAX_FROM_CLAIM.toSeconds());
                Claim claim = new Claim(ids.next(IdType.CLAIM), worker.id(), now, now.plusSeconds(leaseSeconds));
                // Taking over an expired lease passes through READY, which drops the old claim.
                Task ready = task.state() == TaskState.READY ? task : task.transition(TaskState.READY, now);
                Task claimed = ready.claim(claim, now);
                ClaimResult result = store.claim(task, claimed, markUntil(job.get()));
                switch (result.outcome()) {
                    case CLAIMED:
                        events.publish(Event.of(ids, EventType.TASK_CLAIMED, claimed, now));
                        return Optional.of(new ClaimedTask(claimed, job.get()));
                    case SIBLING_WORKED:
                        inputsWorked.add(candidate.input());
                        return Optional.empty();
                    case TASK_CHANGED:
                        // Another worker won, or the task changed after it was read: the task as it is now says which.
                        Optional<Task> current = result.taskNow().or(() -> store.findTask(candidate.taskId()));
                        if (current.isEmpty()) {
                            return Optional.empty();
                        }
                        task = current.get();
                        break;
                }
            }
            return Optional.empty();
        }
    }

    /** Until when a worker's mark on an input keeps them off its siblings; an input of one assignment has none. */
    private static Optional<Instant> markUntil(Job job) {
        return job.assignments() > 1 ? Optional.of(job.expiresAt().plus(MARK_KEPT_AFTER_JOB)) : Optional.empty();
    }

    private Worker worker(String workerId) {
        return workers.get(workerId, store::findWorker)
                .orElseThrow(() -> new UnauthorizedException("The worker of this token no longer exists"));
    }

    private Optional<Job> job(String jobId) {
        return jobs.get(jobId, store::findJob);
    }

    /** The task a claim was made on; another worker's claim is answered like one that does not exist. */
    private Task taskOf(String workerId, String claimId) {
        NotFoundException notFound = new NotFoundException("No claim " + printable(claimId));
        try {
            Id.requireValid(IdType.CLAIM, claimId);
        } catch (InvalidIdException e) {
            throw notFound;
        }
        ClaimRecord record = store.findClaim(claimId).filter(c -> c.workerId().equals(workerId))
                .orElseThrow(() -> notFound);
        return store.findTask(record.taskId()).orElseThrow(() -> notFound);
    }

    private static void requireLive(Task task, String claimId, Instant now) {
        if (!Lease.isHeldUnder(task, claimId)) {
            throw ended(task, claimId);
        }
        if (Lease.hasExpired(task.claim(), now)) {
            throw new ConflictException("The lease ran out at " + task.claim().leaseExpiresAt()
                    + "; the task goes back to the queue");
        }
    }

    private static void requireNotHandedIn(Task task, String claimId) {
        if (task.submission() != null && task.submission().claimId().equals(claimId)) {
            throw new ConflictException("The work under this claim was handed in at "
                    + task.submission().submittedAt() + "; that first submission is kept");
        }
    }

    private static ConflictException ended(Task task, String claimId) {
        return new ConflictException("Claim " + claimId + " has ended (the lease ran out or it was released)"
                + " and the task is " + task.state() + " now");
    }

    // Echoing a client's id back is fine, but only a short, plain one.
    private static String printable(String raw) {
        String cut = raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
