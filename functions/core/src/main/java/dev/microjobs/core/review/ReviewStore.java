package dev.microjobs.core.review;

import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.Task;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the review queue reads and writes. Claims, lease ends and submissions are conditional on
 * the task's state and version as read, so of two racing workers exactly one wins.
 */
public interface ReviewStore {

    Optional<Worker> findWorker(String workerId);

    Optional<Job> findJob(String jobId);

    /** The task, read consistently. */
    Optional<Task> findTask(String taskId);

    /** The tasks of these ids that exist, read consistently, in no particular order. */
    List<Task> findTasks(List<String> taskIds);

    /**
     * READY tasks in the order workers are offered them: highest reward first, then oldest.
     * Read lazily from an eventually consistent index, which names the tasks: read one before
     * working on it.
     *
     * @param withSkill only tasks whose job asks for this skill, when present
     */
    Iterable<ClaimCandidate> readyTasks(Optional<String> withSkill);

    /**
     * CLAIMED tasks whose lease ran out before {@code now}, the longest expired first; lazily, from an
     * index that names the tasks.
     */
    Iterable<ClaimCandidate> expiredLeases(Instant now);

    /** The skills of every READY task, one set per task (for the per-skill queue counts). */
    List<Set<String>> readySkillSets();

    /**
     * {@code before} (READY, or CLAIMED under an expired lease) becomes {@code after} (CLAIMED
     * under the new claim), the claim is recorded, and the worker is marked as working this input
     * of the job, which fails if they already hold or handed in a sibling. Taking over an expired
     * lease clears the previous holder's mark. Whatever fails in between, no worker ever holds two
     * tasks of one input; a mark may at worst outlive its task (until {@code markUntil}). An input
     * of a job with one assignment has no siblings, so its claims neither put nor clear a mark.
     *
     * <p>When the task's own condition fails, the result carries the task as it is now if the
     * store can learn that without another read, so that a lost race costs no read.
     *
     * @param markUntil when the worker's mark on this input may be forgotten (the job is long over);
     *                  empty when the input has no siblings to keep the worker off
     */
    ClaimResult claim(Task before, Task after, Optional<Instant> markUntil);

    /** A change that stays with the same holder (a longer lease, a submission); false if the task moved on. */
    boolean update(Task before, Task after);

    /**
     * Ends a lease without a submission (release or expiry): {@code before} (CLAIMED) becomes
     * {@code after} (READY), and the holder's mark on the input is cleared so that they may
     * get a sibling later. False if the task moved on.
     */
    boolean endLease(Task before, Task after);

    /**
     * Which task and worker a claim id was for. The record may outlive a claim that never got the
     * task (one whose write failed or lost the race), so only the task, held under this claim id
     * or not, says whether the claim holds it.
     */
    Optional<ClaimRecord> findClaim(String claimId);

    /**
     * The worker's claims made since {@code since}, oldest first; live, ended, or (rarely) never
     * holding their task: read the tasks to tell which.
     */
    List<ClaimRecord> claimsSince(String workerId, Instant since);

    /** The tasks the worker handed in that are still theirs: SUBMITTED, APPROVED, REJECTED or PAID. */
    List<Task> handedIn(String workerId);
}
