package dev.microjobs.core.payouts;

import dev.microjobs.core.ports.PayoutQueue;
import dev.microjobs.core.ports.PayoutStore;
import jakarta.inject.Singleton;

import dev.microjobs.core.sweeper.Sweep;
import io.micronaut.core.annotation.Order;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The sweeper's pass over money owed to workers: a payout request can be lost (approval committed,
 * then the function died before sending it) and a payout can fail or stall, so every worker
 * with unpaid approved work, and every payout untouched for a while, gets a settlement request
 * again. Settling is idempotent, so asking twice costs a message, never a double payment.
 */
@Singleton
@Order(30)
public class SweepPayouts implements Sweep {
    /**
     * Twice the payouts function's 30 s timeout (template.yaml): by then Lambda has ended any
     * attempt still under way, so one in progress is not doubled up on, and a payout whose attempt
     * crashed waits no longer than it must (at 2 minutes, one stalled payout was the last minute
     * and a half of a chaos run).
     */
    static final Duration STALLED_AFTER = Duration.ofSeconds(60);

    private final PayoutStore payouts;
    private final PayoutQueue queue;

    public SweepPayouts(PayoutStore payouts, PayoutQueue queue) {
        this.payouts = payouts;
        this.queue = queue;
    }

    @Override
    public String name() {
        return "payouts";
    }

    /** @return how many settlement requests were sent */
    @Override
    public int sweep(Instant now, Instant deadline) {
        Set<PayoutStore.Unpaid> owed = new LinkedHashSet<>(payouts.workersWithUnpaidTasks());
        payouts.stalled(now.minus(STALLED_AFTER)).forEach(payout ->
                owed.add(new PayoutStore.Unpaid(payout.workerId(), payout.amount().currency())));
        queue.settleAll(owed.stream().map(worker -> new PayoutQueue.Settlement(worker.workerId(), worker.currency())).toList());
        return owed.size();
    }
}
