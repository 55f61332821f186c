package dev.microjobs.core.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * The work a worker handed in under a claim.
 *
 * @param draftUsed what the worker says they did with the draft; DISCARDED when there was none
 * @param secondsSpent the time the worker spent on it
 * @param editRatio how far the output is from the draft, 0 (unchanged) to 1 (all new),
 *     from {@link EditDistance}; 1 when there was no draft
 */
public record Submission(
        String claimId,
        String workerId,
        JsonNode output,
        DraftUse draftUsed,
        Instant claimedAt,
        Instant submittedAt,
        long secondsSpent,
        double editRatio) {

    public Submission {
        Id.requireValid(IdType.CLAIM, claimId);
        Id.requireValid(IdType.WORKER, workerId);
        if (output == null || output.isNull() || output.isMissingNode()) {
            throw new IllegalArgumentException("output is required");
        }
        output = Json.copyOf(output);
        Objects.requireNonNull(draftUsed, "draftUsed is required");
        Objects.requireNonNull(claimedAt, "claimedAt is required");
        Objects.requireNonNull(submittedAt, "submittedAt is required");
        if (submittedAt.isBefore(claimedAt)) {
            throw new IllegalArgumentException(
                    "submittedAt " + submittedAt + " must not be before claimedAt " + claimedAt);
        }
        if (secondsSpent < 0) {
            throw new IllegalArgumentException("secondsSpent must not be negative, got " + secondsSpent);
        }
        if (!(editRatio >= 0 && editRatio <= 1)) {
            throw new IllegalArgumentException("editRatio must be between 0 and 1, got " + editRatio);
        }
    }

    /** A copy, so the record stays immutable. */
    @Override
    public JsonNode output() {
        return Json.copyOf(output);
    }
}
