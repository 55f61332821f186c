package dev.microjobs.core.ports;

import dev.microjobs.core.domain.Task;
import dev.microjobs.core.ledger.LedgerEntry;
import dev.microjobs.core.payouts.Payout;

import java.util.List;
import java.util.Optional;

/**
 * Money moves with the state change that causes it, in one transaction: task transitions (each
 * conditional on the state read), ledger entries with the balances they change (a balance never
 * goes below zero), and a payout's state change.
 */
public interface LedgerStore {

    record TaskChange(Task before, Task after) {
    }

    record PayoutChange(Payout before, Payout after) {
    }

    record Commit(List<TaskChange> tasks, List<LedgerEntry> entries, Optional<PayoutChange> payout) {
        public Commit {
            tasks = List.copyOf(tasks);
            entries = List.copyOf(entries);
        }
    }

    enum Outcome {
        COMMITTED,
        /** A task or the payout was no longer as read: someone else moved it; nothing was written. */
        MOVED_ON,
        /** A balance would have gone below zero; nothing was written. */
        INSUFFICIENT_FUNDS
    }

    Outcome commit(Commit commit);
}
