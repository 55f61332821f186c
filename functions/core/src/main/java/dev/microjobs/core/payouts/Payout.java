package dev.microjobs.core.payouts;

import dev.microjobs.core.domain.Id;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Money;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One transfer to one worker, covering the rewards of one or more approved tasks. Its id is the
 * idempotency key at the provider, so however often it is sent it moves money once.
 *
 * @param provider the payout provider's name (ledger, stripe, webhook)
 * @param reference what the provider called it (a Stripe transfer id, say), once known
 * @param lastError why the last attempt failed, shown to the worker
 */
public record Payout(
        String id,
        String workerId,
        Money amount,
        List<String> taskIds,
        PayoutState state,
        String provider,
        int attempts,
        String reference,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {

    public Payout {
        Id.requireValid(IdType.PAYOUT, id);
        Id.requireValid(IdType.WORKER, workerId);
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a payout pays a positive amount, not " + amount);
        }
        taskIds = List.copyOf(taskIds);
        if (taskIds.isEmpty()) {
            throw new IllegalArgumentException("a payout covers at least one task");
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public Payout sent(Instant at) {
        return new Payout(id, workerId, amount, taskIds, PayoutState.SENT, provider, attempts + 1, reference, lastError,
                createdAt, at);
    }

    public Payout failed(String error, Instant at) {
        return new Payout(id, workerId, amount, taskIds, PayoutState.FAILED, provider, attempts, reference, error,
                createdAt, at);
    }

    public Payout paid(String providerReference, Instant at) {
        return new Payout(id, workerId, amount, taskIds, PayoutState.PAID, provider, attempts, providerReference, null,
                createdAt, at);
    }
}
