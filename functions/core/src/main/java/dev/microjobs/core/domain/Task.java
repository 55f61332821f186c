package dev.microjobs.core.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One unit of work on one input of a job, done by one worker. Changes return a new
 * task, one state further along the {@link TaskState} table, with {@code version}
 * bumped and {@code updatedAt} set, ready for a conditional write on the old state.
 *
 * <p>What a task holds follows from its state, and the constructor enforces it:
 * <ul>
 *   <li>DRAFTING: nothing yet;
 *   <li>READY: a draft (possibly {@link Draft#none}), no claim, no submission;
 *   <li>CLAIMED: a draft and the current claim;
 *   <li>SUBMITTED, APPROVED, REJECTED, PAID: the claim and the submission made under it;
 *   <li>EXPIRED, CANCELLED: whatever it had when it stopped.
 * </ul>
 *
 * @param inputIndex which input of the job this is; sibling tasks share it
 * @param reward copied from the job, so paying a task never needs the job
 * @param fee copied from the job, for the same reason
 * @param draft null until drafting finishes
 * @param claim null unless a worker holds or held the task
 * @param submission null until the work is handed in
 * @param approvedAt when the work was approved; set exactly in APPROVED and PAID
 * @param version 1 when created, plus one per change
 */
public record Task(
        String id,
        String jobId,
        String businessId,
        int inputIndex,
        TaskState state,
        JsonNode input,
        Money reward,
        Money fee,
        Draft draft,
        Claim claim,
        Submission submission,
        Instant approvedAt,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Task {
        Id.requireValid(IdType.TASK, id);
        Id.requireValid(IdType.JOB, jobId);
        Id.requireValid(IdType.BUSINESS, businessId);
        if (inputIndex < 0) {
            throw new IllegalArgumentException("inputIndex must not be negative, got " + inputIndex);
        }
        Objects.requireNonNull(state, "state is required");
        Objects.requireNonNull(input, "input is required");
        input = Json.copyOf(input);
        Prices.requireRewardAndFee(reward, fee);
        Objects.requireNonNull(createdAt, "createdAt is required");
        Objects.requireNonNull(updatedAt, "updatedAt is required");
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1, got " + version);
        }
        requireContentsMatchState(state, draft, claim, submission);
        if ((state == TaskState.APPROVED || state == TaskState.PAID) != (approvedAt != null)) {
            throw new IllegalArgumentException("approvedAt is set exactly when the task is APPROVED or PAID, not " + state);
        }
    }

    /** A new task for input {@code inputIndex} of {@code job}, waiting for its draft. */
    public static Task create(String id, Job job, int inputIndex, JsonNode input, Instant at) {
        if (inputIndex >= job.inputCount()) {
            throw new IllegalArgumentException(
                    "inputIndex " + inputIndex + " is past the job's " + job.inputCount() + " inputs");
        }
        return new Task(id, job.id(), job.businessId(), inputIndex, TaskState.DRAFTING, input,
                job.reward(), job.fee(), null, null, null, null, at, at, 1);
    }

    /**
     * Moves to {@code to}, keeping what the task holds, except that going back to READY
     * drops the claim and submission so the next worker starts clean (the draft stays).
     * Moves that need something new use {@link #ready}, {@link #claim} or {@link #submit}.
     *
     * @throws IllegalTransitionException if the table does not allow the move
     */
    public Task transition(TaskState to, Instant at) {
        return to == TaskState.READY
                ? moveTo(to, at, draft, null, null)
                : moveTo(to, at, draft, claim, submission);
    }

    /** DRAFTING to READY with the draft, or with {@link Draft#none} if drafting gave up. */
    public Task ready(Draft newDraft, Instant at) {
        Objects.requireNonNull(newDraft, "draft is required (use Draft.none when there is none)");
        return moveTo(TaskState.READY, at, newDraft, null, null);
    }

    /** READY to CLAIMED under the worker's new claim. */
    public Task claim(Claim newClaim, Instant at) {
        Objects.requireNonNull(newClaim, "claim is required");
        return moveTo(TaskState.CLAIMED, at, draft, newClaim, null);
    }

    /** CLAIMED to SUBMITTED; the submission must be made under the current claim. */
    public Task submit(Submission newSubmission, Instant at) {
        Objects.requireNonNull(newSubmission, "submission is required");
        return moveTo(TaskState.SUBMITTED, at, draft, claim, newSubmission);
    }

    /** A copy, so the record stays immutable. */
    @Override
    public JsonNode input() {
        return Json.copyOf(input);
    }

    private Task moveTo(TaskState to, Instant at, Draft newDraft, Claim newClaim, Submission newSubmission) {
        Objects.requireNonNull(to, "target state is required");
        Objects.requireNonNull(at, "time of the change is required");
        if (!state.canTransitionTo(to)) {
            throw new IllegalTransitionException(id, state, to);
        }
        Instant approval = switch (to) {
            case APPROVED -> at;
            case PAID -> approvedAt;
            default -> null;
        };
        return new Task(id, jobId, businessId, inputIndex, to, input, reward, fee,
                newDraft, newClaim, newSubmission, approval, createdAt, at, version + 1);
    }

    private static void requireContentsMatchState(
            TaskState state, Draft draft, Claim claim, Submission submission) {
        // A switch expression, so a new state does not compile until it has a rule here.
        String broken = switch (state) {
            case DRAFTING -> draft == null && claim == null && submission == null
                    ? null : "a DRAFTING task has no draft, claim or submission yet";
            case READY -> draft != null && claim == null && submission == null
                    ? null : "a READY task has a draft (Draft.none if drafting gave up) and no claim or submission";
            case CLAIMED -> draft != null && claim != null && submission == null
                    ? null : "a CLAIMED task has a draft and a claim, and no submission yet";
            case SUBMITTED, APPROVED, REJECTED, PAID -> draft != null && claim != null && submission != null
                    ? null : "a " + state + " task has a draft, a claim and a submission";
            case EXPIRED, CANCELLED -> null;
        };
        if (broken != null) {
            throw new IllegalArgumentException(broken);
        }
        if (claim != null && submission != null
                && !(submission.claimId().equals(claim.claimId()) && submission.workerId().equals(claim.workerId()))) {
            throw new IllegalArgumentException("the submission was made under claim " + submission.claimId()
                    + " by " + submission.workerId() + ", but the task is held under claim " + claim.claimId()
                    + " by " + claim.workerId());
        }
    }
}
