package dev.microjobs.core.ledger;

import dev.microjobs.core.domain.Money;

import java.time.Instant;
import java.util.Objects;

/**
 * One movement of money from one ledger account to another. Both legs of the double entry
 * live in this one record, so an entry can never be half written.
 */
public record LedgerEntry(
        String id,
        String from,
        String to,
        Money amount,
        EntryReason reason,
        String jobId,
        String taskId,
        Instant at) {

    public LedgerEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        if (from.equals(to)) {
            throw new IllegalArgumentException("an entry moves money between two different accounts: " + from);
        }
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("an entry moves a positive amount, not " + amount);
        }
    }
}
