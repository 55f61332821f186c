package dev.microjobs.core.ports;

import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.jobs.IdempotencyRecord;
import dev.microjobs.core.ledger.LedgerEntry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Jobs and their tasks. */
public interface JobStore extends DraftingJobStore, JobProgressStore {

    /**
     * In one transaction: the job (with its task ids), the escrow hold (the business's available
     * balance down, its escrow up, only if the balance covers it), the hold's ledger entry, and
     * the idempotency record when the request carried a key.
     *
     * @throws dev.microjobs.core.errors.InsufficientBalanceException when the balance is too low
     * @throws IdempotencyKeyTakenException when another request took the same key first
     */
    void createJob(Job job, List<String> taskIds, LedgerEntry hold, Optional<IdempotencyRecord> idempotency);

    /** Writes the tasks of {@code job}, created just now, none of which can exist yet (cheap batch writes). */
    void addNewTasks(Job job, List<Task> tasks);

    /**
     * Writes those of the tasks that do not exist yet, when resuming a creation that crashed
     * part-way; a task that exists may have moved on and is never overwritten.
     */
    void addMissingTasks(Job job, List<Task> tasks);

    Optional<Job> findJob(String jobId);

    /** The ids of a job's tasks in input order, as fixed when the job was created. */
    List<String> taskIds(String jobId);

    /** The business's jobs, newest first. */
    Page<Job> listJobs(String businessId, Optional<String> cursor, int limit);

    /** A job's tasks, optionally in one state, in state then creation order. */
    Page<Task> listTasks(String jobId, Optional<TaskState> state, Optional<String> cursor, int limit);

    /** Every task of the job in one of the states, read consistently (not from an index). */
    List<Task> tasksIn(Job job, Set<TaskState> states);

    Optional<Task> findTask(String taskId);

    /**
     * Moves each task to {@code closedState} (CANCELLED or EXPIRED) and returns its reward and fee
     * from escrow to the business, in transactions of a few tasks each, with one ledger entry per
     * transaction. A task whose state or version changed since it was read is left alone and
     * returned, for the caller to re-read.
     */
    List<Task> closeTasks(Job job, List<Task> tasks, TaskState closedState, Instant at, LedgerEntryFactory releaseEntry);

    /** Jobs that may still have work to sweep: open, or closed with tasks not yet settled. */
    List<Job> activeJobs();

    /** OPEN to EXPIRED; false if the job was no longer open. */
    boolean markExpired(String jobId);

    /** The job has nothing left to sweep: an open job becomes COMPLETED, and it leaves the active jobs. */
    void finish(Job job);

    /** Marks the job cancelled so no new work starts on it; false if it was no longer open. */
    boolean markCancelled(String jobId);

    /** Makes the release entry for an amount, so each transaction gets its own id. */
    @FunctionalInterface
    interface LedgerEntryFactory {
        LedgerEntry release(Money amount);
    }

    /** Another request claimed the same Idempotency-Key between our read and our write. */
    class IdempotencyKeyTakenException extends RuntimeException {
        public IdempotencyKeyTakenException(String key) {
            super("Idempotency-Key " + key + " was just taken by another request");
        }
    }
}
