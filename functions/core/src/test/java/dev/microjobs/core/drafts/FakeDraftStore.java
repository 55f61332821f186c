package dev.microjobs.core.drafts;

import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.jobs.DraftSpend;
import dev.microjobs.core.ports.DraftingJobStore;
import dev.microjobs.core.ports.TaskStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Jobs, their draft spend and tasks in memory, with the DynamoDB adapters' rules (a transition
 * is conditional on the task's state and version, the spend is an atomic add); records every
 * read and batch of transitions so tests can count them, and can fail a job's spend writes or a task's transitions as an
 * unavailable table would. Safe to use from several drafting threads at once.
 */
final class FakeDraftStore implements DraftingJobStore, TaskStore {
    private final Map<String, Job> jobs = new HashMap<>();
    private final Map<String, DraftSpend> spend = new HashMap<>();
    private final Map<String, Task> tasks = new HashMap<>();
    private final Set<String> failingSpendWrites = new HashSet<>();
    private final Set<String> failingTransitions = new HashSet<>();
    final List<Collection<String>> jobReads = new ArrayList<>();
    final List<Collection<String>> taskReads = new ArrayList<>();
    final List<String> spendReads = new ArrayList<>();
    final List<String> spendWrites = new ArrayList<>();
    /** Each {@link #transitionAll}, as the ids of the tasks it was asked to move. */
    final List<List<String>> transitionBatches = new ArrayList<>();
    /** The job and task reads wait here until it opens, so a test can see them under way at once. */
    volatile CountDownLatch readsTogether = new CountDownLatch(0);
    private boolean failingJobReads;

    synchronized void add(Job job) {
        jobs.put(job.id(), job);
    }

    synchronized void add(Task task) {
        tasks.put(task.id(), task);
    }

    synchronized void spent(String jobId, DraftSpend total) {
        spend.put(jobId, total);
    }

    synchronized Task task(String taskId) {
        return tasks.get(taskId);
    }

    synchronized void failSpendWritesOf(String jobId) {
        failingSpendWrites.add(jobId);
    }

    synchronized void failTransitionsOf(String taskId) {
        failingTransitions.add(taskId);
    }

    synchronized void failJobReads() {
        failingJobReads = true;
    }

    synchronized void recover() {
        failingSpendWrites.clear();
        failingTransitions.clear();
    }

    @Override
    public Map<String, Job> findJobs(Collection<String> jobIds) {
        awaitTheOtherRead();
        synchronized (this) {
            if (failingJobReads) {
                throw new IllegalStateException("table unavailable");
            }
            jobReads.add(List.copyOf(jobIds));
            Map<String, Job> found = new HashMap<>();
            jobIds.stream().map(jobs::get).filter(Objects::nonNull).forEach(job -> found.put(job.id(), job));
            return found;
        }
    }

    @Override
    public synchronized void recordDraftSpend(String jobId, DraftSpend added) {
        if (failingSpendWrites.contains(jobId)) {
            throw new IllegalStateException("table unavailable");
        }
        spendWrites.add(jobId);
        spend.put(jobId, spend(jobId).plus(added));
    }

    @Override
    public synchronized DraftSpend draftSpend(String jobId) {
        spendReads.add(jobId);
        return spend(jobId);
    }

    /** The job's spend as stored, without counting a read. */
    synchronized DraftSpend spend(String jobId) {
        return spend.getOrDefault(jobId, DraftSpend.NONE);
    }

    @Override
    public synchronized boolean transition(Task before, Task after) {
        if (failingTransitions.contains(before.id())) {
            throw new IllegalStateException("table unavailable");
        }
        Task stored = tasks.get(before.id());
        if (stored == null || stored.state() != before.state() || stored.version() != before.version()) {
            return false;
        }
        tasks.put(after.id(), after);
        return true;
    }

    /** Each on its own; a task whose transitions fail is reported unwritten, the others apply or not. */
    @Override
    public synchronized Transitions transitionAll(List<Transition> transitions) {
        transitionBatches.add(transitions.stream().map(Transition::taskId).toList());
        Set<String> applied = new HashSet<>();
        Map<String, String> unwritten = new HashMap<>();
        for (Transition change : transitions) {
            if (failingTransitions.contains(change.taskId())) {
                unwritten.put(change.taskId(), "ThrottlingError: table unavailable");
            } else if (transition(change.before(), change.after())) {
                applied.add(change.taskId());
            }
        }
        return new Transitions(applied, unwritten);
    }

    @Override
    public List<Task> findAll(List<String> taskIds) {
        awaitTheOtherRead();
        synchronized (this) {
            taskReads.add(List.copyOf(taskIds));
            return taskIds.stream().distinct().map(tasks::get).filter(Objects::nonNull).toList();
        }
    }

    private void awaitTheOtherRead() {
        CountDownLatch together = readsTogether;
        together.countDown();
        try {
            if (!together.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other read never started");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
