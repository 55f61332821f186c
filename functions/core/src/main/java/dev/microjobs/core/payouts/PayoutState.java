package dev.microjobs.core.payouts;

/**
 * PENDING: created, its tasks set aside for it. SENT: handed to the provider (perhaps more than
 * once, always under the payout's id as idempotency key). PAID: recorded in the ledger and its
 * tasks PAID. FAILED: the last attempt failed; it is retried, never dropped.
 */
public enum PayoutState {
    PENDING,
    SENT,
    PAID,
    FAILED;

    public boolean isOpen() {
        return this != PAID;
    }
}
