package dev.microjobs.core.payouts;

import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.events.Event;
import dev.microjobs.core.events.EventPublisher;
import dev.microjobs.core.events.EventType;
import dev.microjobs.core.events.JobCompletion;
import dev.microjobs.core.ledger.EntryReason;
import dev.microjobs.core.ledger.LedgerAccount;
import dev.microjobs.core.ledger.LedgerEntry;
import dev.microjobs.core.ports.AccountStore;
import dev.microjobs.core.ports.LedgerStore;
import dev.microjobs.core.ports.Metrics;
import dev.microjobs.core.ports.PayoutStore;
import dev.microjobs.core.ports.TaskStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The payouts queue's consumer: pays a worker's approved earnings in one currency.
 *
 * <p>First it finishes any payout of the worker still open (a crash or a provider failure left
 * it PENDING, SENT or FAILED). Then, once the unpaid earnings reach the minimum, it creates a
 * payout that sets its tasks aside, sends it to the provider under the payout's id as
 * idempotency key, and records it PAID with its tasks and ledger entry in one transaction.
 * However often a message is delivered, each payout moves money once; a failure is recorded on
 * the payout (visible to the worker) and thrown, so the message is retried and, in the end,
 * dead-lettered rather than lost.
 */
@Singleton
public class SettleWorker {
    /** A payout's PAID transaction holds its tasks plus three items; DynamoDB allows 100. */
    static final int MAX_TASKS_PER_PAYOUT = 90;
    private static final Logger LOG = LoggerFactory.getLogger(SettleWorker.class);

    private final AccountStore accounts;
    private final PayoutStore payouts;
    private final TaskStore tasks;
    private final LedgerStore ledger;
    private final PayoutProvider provider;
    private final PayoutPolicy policy;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventPublisher events;
    private final JobCompletion completion;
    private final Metrics metrics;

    public SettleWorker(AccountStore accounts, PayoutStore payouts, TaskStore tasks, LedgerStore ledger,
                        PayoutProvider provider, PayoutPolicy policy, IdGenerator ids, Clock clock,
                        EventPublisher events, JobCompletion completion, Metrics metrics) {
        this.accounts = accounts;
        this.payouts = payouts;
        this.tasks = tasks;
        this.ledger = ledger;
        this.provider = provider;
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.completion = completion;
        this.metrics = metrics;
    }

    /** @throws PayoutException when a payout did not go through this time (the message is then retried) */
    public void settle(String workerId, String currency) {
        Worker worker = accounts.findWorker(workerId)
                .orElseThrow(() -> new IllegalArgumentException("no worker " + workerId));
        for (Payout open : payouts.open(workerId, currency)) {
            complete(open, worker, tasks.findAll(open.taskIds()));
        }
        while (true) {
            List<String> unpaidIds = payouts.unpaidTaskIds(workerId, currency);
            List<Task> unpaid = tasks.findAll(unpaidIds).stream()
                    .filter(task -> task.state() == TaskState.APPROVED)
                    .limit(MAX_TASKS_PER_PAYOUT)
                    .toList();
            if (unpaid.isEmpty()) {
                return;
            }
            Money amount = unpaid.stream().map(Task::reward).reduce(Money::plus).orElseThrow();
            if (amount.amount() < policy.minimumAmount()) {
                LOG.info("worker {} has {} unpaid, below the minimum payout of {}", workerId, amount,
                        policy.minimumAmount());
                return;
            }
            Instant now = clock.instant();
            Payout payout = new Payout(ids.next(IdType.PAYOUT), workerId, amount, unpaid.stream().map(Task::id).toList(),
                    PayoutState.PENDING, provider.name(), 0, null, null, now, now);
            if (!payouts.create(payout)) {
                // A concurrent settlement took some of these tasks; it pays them. Look again.
                continue;
            }
            // Its tasks were just read APPROVED, and an APPROVED task changes only when it is paid.
            complete(payout, worker, unpaid);
            if (unpaid.size() == unpaidIds.size()) {
                // Work approved after the read asked for a settlement of its own (and the sweeper asks
                // again for any such request that was lost); only owed tasks this payout could not take
                // (past its 90, or not yet readable as APPROVED) are a reason to look again.
                return;
            }
        }
    }

    /** @param payoutTasks the payout's tasks as read; those no longer APPROVED were paid already */
    private void complete(Payout payout, Worker worker, List<Task> payoutTasks) {
        Payout sent = payout.sent(clock.instant());
        if (!payouts.update(payout, sent)) {
            LOG.info("payout {} is being completed by another attempt", payout.id());
            return;
        }
        String reference;
        try {
            reference = provider.pay(sent, worker);
        } catch (PayoutException e) {
            metrics.count("PayoutFailures", 1);
            payouts.update(sent, sent.failed(e.getMessage(), clock.instant()));
            throw e;
        }
        Instant now = clock.instant();
        List<LedgerStore.TaskChange> paid = payoutTasks.stream()
                .filter(task -> task.state() == TaskState.APPROVED)
                .map(task -> new LedgerStore.TaskChange(task, task.transition(TaskState.PAID, now)))
                .toList();
        String destination = provider.movesMoneyOut()
                ? LedgerAccount.EXTERNAL_PAYOUTS : LedgerAccount.workerPayable(sent.workerId());
        LedgerEntry entry = new LedgerEntry(ids.next(IdType.LEDGER_ENTRY), LedgerAccount.workerEarnings(sent.workerId()),
                destination, sent.amount(), EntryReason.PAYOUT, null, null, now);
        LedgerStore.Outcome outcome = ledger.commit(new LedgerStore.Commit(paid, List.of(entry),
                Optional.of(new LedgerStore.PayoutChange(sent, sent.paid(reference, now)))));
        switch (outcome) {
            case COMMITTED -> {
                LOG.info("payout {} of {} to {} paid ({})", sent.id(), sent.amount(), sent.workerId(), reference);
                events.publish(paid.stream().map(change -> Event.of(ids, EventType.TASK_PAID, change.after(), now)).toList());
                completion.check(paid.stream().map(change -> change.after().jobId()).toList());
            }
            case MOVED_ON -> LOG.info("payout {} was completed by another attempt", sent.id());
            case INSUFFICIENT_FUNDS -> throw new IllegalStateException("payout " + sent.id()
                    + " exceeds the worker's recorded earnings: the ledger needs checking (ledger-verify)");
        }
    }
}
