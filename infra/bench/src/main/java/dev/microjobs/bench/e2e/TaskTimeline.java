package dev.microjobs.bench.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When one task passed each stage of its life. {@code submitted} is when the business started
 * sending the job (client clock); the others are the times the app recorded on the task (the
 * same machine's clock): its creation by intake, the draft's creation (READY), the claim, the
 * hand-in, the approval and the last update of a PAID task (its payout). A stage the task never
 * reached is null.
 */
public record TaskTimeline(
        String taskId,
        String jobId,
        Instant submitted,
        Instant created,
        Instant ready,
        Instant claimed,
        Instant handedIn,
        Instant approved,
        Instant paid) {

    /** The stages measured, each from one moment to the next, plus the whole way. */
    public enum Stage {
        SUBMIT_TO_READY("submitToReady"),
        /** The first part of submit → READY: the request reaching intake and intake stamping the job. */
        SUBMIT_TO_CREATED("submitToCreated"),
        /** The rest: writing the tasks, queueing them for drafting, the drafts consumer's turn. */
        CREATED_TO_READY("createdToReady"),
        READY_TO_CLAIMED("readyToClaimed"),
        CLAIMED_TO_HANDED_IN("claimedToHandedIn"),
        HANDED_IN_TO_APPROVED("handedInToApproved"),
        APPROVED_TO_PAID("approvedToPaid"),
        SUBMIT_TO_PAID("submitToPaid");

        private final String key;

        Stage(String key) {
            this.key = key;
        }

        /** The name in report.json. */
        public String key() {
            return key;
        }
    }

    /** The stage's duration in milliseconds, when the task reached both ends of it. */
    public Optional<Double> millis(Stage stage) {
        return switch (stage) {
            case SUBMIT_TO_READY -> between(submitted, ready);
            case SUBMIT_TO_CREATED -> between(submitted, created);
            case CREATED_TO_READY -> between(created, ready);
            case READY_TO_CLAIMED -> between(ready, claimed);
            case CLAIMED_TO_HANDED_IN -> between(claimed, handedIn);
            case HANDED_IN_TO_APPROVED -> between(handedIn, approved);
            case APPROVED_TO_PAID -> between(approved, paid);
            case SUBMIT_TO_PAID -> between(submitted, paid);
        };
    }

    private static Optional<Double> between(Instant from, Instant to) {
        if (from == null || to == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(from, to).toNanos() / 1_000_000.0);
    }
}
