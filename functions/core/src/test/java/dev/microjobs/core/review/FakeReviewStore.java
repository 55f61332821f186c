package dev.microjobs.core.review;

import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The review store in memory, with the DynamoDB adapter's rules: writes are conditional on
 * the task's state and version, and a worker's mark on a job's input is unique. Its index
 * reads can be made stale on purpose, as DynamoDB's global secondary indexes may be.
 */
public final class FakeReviewStore implements ReviewStore {
    private final Map<String, Worker> workers = new HashMap<>();
    private final Map<String, Job> jobs = new HashMap<>();
    private final Map<String, Task> tasks = new HashMap<>();
    private final Map<String, Task> staleIndex = new HashMap<>();
    private final Map<String, ClaimRecord> claims = new HashMap<>();
    private final Set<String> marks = new HashSet<>();
    private final Set<String> failingLeaseEnds = new HashSet<>();
    private int taskReads;
    private int workerReads;
    private int jobReads;
    private int taskReadRequests;
    private Runnable afterNextRead = () -> { };

    public void add(Worker worker) {
        workers.put(worker.id(), worker);
    }

    public void add(Job job) {
        jobs.put(job.id(), job);
    }

    public void add(Task task) {
        tasks.put(task.id(), task);
    }

    /** Index reads see this old copy of the task (its state, so its index entry) until it changes again. */
    public void indexLagsWith(Task old) {
        staleIndex.put(old.id(), old);
    }

    /** The next write ending the lease of this task fails, as a throttled or timed-out request would. */
    public void failNextLeaseEnd(String taskId) {
        failingLeaseEnds.add(taskId);
    }

    /** Runs {@code race} once, right after the next read of a task by id: another worker's write in between. */
    public void afterNextRead(Runnable race) {
        afterNextRead = race;
    }

    /**
     * A claim record of a claim whose write to the task failed or lost the race, left behind
     * because taking the record back failed too.
     */
    public void recordClaimThatNeverHeld(ClaimRecord record) {
        claims.put(record.claimId(), record);
    }

    public Task task(String taskId) {
        return tasks.get(taskId);
    }

    /** How many times a job was read. */
    public int jobReads() {
        return jobReads;
    }

    /** How many times a worker's profile was read. */
    public int workerReads() {
        return workerReads;
    }

    /** How many times a task was read by id (index reads and failed writes not counted). */
    public int taskReads() {
        return taskReads;
    }

    /** How many requests read tasks by id: one per task read alone, one per batch read. */
    public int taskReadRequests() {
        return taskReadRequests;
    }

    public boolean marked(Task task, String workerId) {
        return marks.contains(mark(task, workerId));
    }

    @Override
    public Optional<Worker> findWorker(String workerId) {
        workerReads++;
        return Optional.ofNullable(workers.get(workerId));
    }

    @Override
    public Optional<Job> findJob(String jobId) {
        jobReads++;
        return Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public Optional<Task> findTask(String taskId) {
        taskReads++;
        taskReadRequests++;
        Optional<Task> read = Optional.ofNullable(tasks.get(taskId));
        Runnable race = afterNextRead;
        afterNextRead = () -> { };
        race.run();
        return read;
    }

    @Override
    public List<Task> findTasks(List<String> taskIds) {
        taskReads += taskIds.size();
        taskReadRequests++;
        return taskIds.stream().map(tasks::get).filter(Objects::nonNull).toList();
    }

    @Override
    public Iterable<ClaimCandidate> readyTasks(Optional<String> withSkill) {
        return indexed().stream()
                .filter(task -> task.state() == TaskState.READY)
                .filter(task -> withSkill.map(skill -> skillsOf(task).contains(skill)).orElse(true))
                .sorted(Comparator.comparing((Task task) -> task.reward().amount()).reversed().thenComparing(Task::id))
                .map(this::candidate)
                .toList();
    }

    @Override
    public Iterable<ClaimCandidate> expiredLeases(Instant now) {
        return indexed().stream()
                .filter(task -> task.state() == TaskState.CLAIMED && task.claim().leaseExpiresAt().isBefore(now))
                .sorted(Comparator.comparing((Task task) -> task.claim().leaseExpiresAt()))
                .map(this::candidate)
                .toList();
    }

    @Override
    public List<Set<String>> readySkillSets() {
        return tasks.values().stream().filter(task -> task.state() == TaskState.READY).map(this::skillsOf).toList();
    }

    @Override
    public ClaimResult claim(Task before, Task after, Optional<Instant> markUntil) {
        if (!isCurrent(before)) {
            // As DynamoDB answers a failed condition with the item's old image.
            return Optional.ofNullable(tasks.get(before.id())).map(ClaimResult::taskChangedTo)
                    .orElse(ClaimResult.of(ClaimOutcome.TASK_CHANGED));
        }
        String worker = after.claim().workerId();
        String previous = before.state() == TaskState.CLAIMED ? before.claim().workerId() : null;
        if (markUntil.isPresent() && !worker.equals(previous)) {
            if (marks.contains(mark(after, worker))) {
                return ClaimResult.of(ClaimOutcome.SIBLING_WORKED);
            }
            marks.add(mark(after, worker));
            if (previous != null) {
                marks.remove(mark(before, previous));
            }
        }
        store(after);
        claims.put(after.claim().claimId(), new ClaimRecord(after.claim().claimId(), after.id(), worker,
                after.claim().claimedAt()));
        return ClaimResult.of(ClaimOutcome.CLAIMED);
    }

    @Override
    public boolean update(Task before, Task after) {
        if (!isCurrent(before)) {
            return false;
        }
        store(after);
        return true;
    }

    @Override
    public boolean endLease(Task before, Task after) {
        if (failingLeaseEnds.remove(before.id())) {
            throw new IllegalStateException("the store is unavailable");
        }
        if (!isCurrent(before)) {
            return false;
        }
        marks.remove(mark(before, before.claim().workerId()));
        store(after);
        return true;
    }

    @Override
    public Optional<ClaimRecord> findClaim(String claimId) {
        return Optional.ofNullable(claims.get(claimId));
    }

    @Override
    public List<ClaimRecord> claimsSince(String workerId, Instant since) {
        return claims.values().stream()
                .filter(c -> c.workerId().equals(workerId) && !c.claimedAt().isBefore(since))
                .sorted(Comparator.comparing(ClaimRecord::claimedAt))
                .toList();
    }

    @Override
    public List<Task> handedIn(String workerId) {
        return tasks.values().stream()
                .filter(task -> task.submission() != null && task.submission().workerId().equals(workerId))
                .filter(task -> Set.of(TaskState.SUBMITTED, TaskState.APPROVED, TaskState.REJECTED, TaskState.PAID)
                        .contains(task.state()))
                .toList();
    }

    private List<Task> indexed() {
        List<Task> view = new ArrayList<>();
        tasks.forEach((id, task) -> view.add(staleIndex.getOrDefault(id, task)));
        return view;
    }

    private boolean isCurrent(Task before) {
        Task stored = tasks.get(before.id());
        return stored != null && stored.state() == before.state() && stored.version() == before.version();
    }

    private void store(Task task) {
        tasks.put(task.id(), task);
        staleIndex.remove(task.id());
    }

    private ClaimCandidate candidate(Task task) {
        return new ClaimCandidate(task.id(), task.jobId(), task.inputIndex(), skillsOf(task));
    }

    private Set<String> skillsOf(Task task) {
        return jobs.get(task.jobId()).skills();
    }

    private static String mark(Task task, String workerId) {
        return task.jobId() + "#" + task.inputIndex() + "#" + workerId;
    }
}
