package dev.microjobs.core.ports;

import dev.microjobs.core.payouts.Payout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Payouts, and the approved tasks of each worker that no payout covers yet. */
public interface PayoutStore {

    /** The ids of the worker's approved tasks in that currency that are in no payout yet, read consistently. */
    List<String> unpaidTaskIds(String workerId, String currency);

    /**
     * Creates the payout, PENDING, and takes its tasks out of the worker's unpaid set, only if
     * every one of them is still there; false when a concurrent settlement took some first.
     */
    boolean create(Payout payout);

    /** Stores {@code after} only if the payout is still {@code before} (same state and attempts). */
    boolean update(Payout before, Payout after);

    /** The worker's payouts not yet PAID in that currency. */
    List<Payout> open(String workerId, String currency);

    /** The worker's payouts, newest first. */
    List<Payout> history(String workerId, int limit);

    Optional<Payout> find(String payoutId);

    /** A worker and a currency with approved tasks no payout covers yet. */
    record Unpaid(String workerId, String currency) {
    }

    /** Every worker with approved tasks no payout covers yet. */
    List<Unpaid> workersWithUnpaidTasks();

    /** Payouts not yet PAID whose last change is older than {@code before}: stalled by a crash or a failure. */
    List<Payout> stalled(Instant before);
}
