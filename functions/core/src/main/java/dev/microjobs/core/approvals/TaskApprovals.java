package dev.microjobs.core.approvals;

import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.errors.ConflictException;
import dev.microjobs.core.errors.InsufficientBalanceException;
import dev.microjobs.core.events.Event;
import dev.microjobs.core.events.EventType;
import dev.microjobs.core.ledger.EntryReason;
import dev.microjobs.core.ledger.LedgerAccount;
import dev.microjobs.core.ledger.LedgerEntry;
import dev.microjobs.core.ports.LedgerStore;
import dev.microjobs.core.ports.PayoutQueue;
import dev.microjobs.core.ports.TaskStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Approving tasks through the ledger, one at a time or a whole job's submitted tasks a chunk
 * per transaction. Either way each task has its own conditional transition and its own REWARD
 * and PLATFORM_FEE entries; a chunk only shares the balance updates (the store sums a
 * transaction's entries per balance item). What an approval leaves to do once committed, the
 * events to publish and the payouts to ask for, is gathered in an {@link ApprovalRun}.
 */
final class TaskApprovals {
    /**
     * DynamoDB takes at most 100 items per transaction. A task costs its own update and two
     * entries, and at worst brings its own worker's earnings item: 4 items, plus the business's
     * account item, so 24 tasks (97 items) always fit. The transaction's 4 MB stays far off as
     * long as a task's update writes only what approval changes (state, version, times, index
     * keys), not the draft and the work, which is how the DynamoDB adapter writes transitions.
     */
    static final int TASKS_PER_TRANSACTION = 24;
    /** A transition lost to a concurrent one is re-read and tried again, a few times. */
    private static final int ATTEMPTS = 4;

    private final LedgerStore ledger;
    private final TaskStore tasks;
    private final IdGenerator ids;
    private final Clock clock;

    TaskApprovals(LedgerStore ledger, TaskStore tasks, IdGenerator ids, Clock clock) {
        this.ledger = ledger;
        this.tasks = tasks;
        this.ids = ids;
        this.clock = clock;
    }

    /** What committed approvals leave to do: their events, and one payout request per worker and currency. */
    static final class ApprovalRun {
        final List<Event> events = new ArrayList<>();
        final Set<PayoutQueue.Settlement> settlements = new LinkedHashSet<>();
        int approved;
        int unchanged;

        private void owe(Task approved) {
            settlements.add(new PayoutQueue.Settlement(approved.submission().workerId(), approved.reward().currency()));
        }

        private void count(Task task) {
            if (task.state() == TaskState.APPROVED) {
                approved++;
            } else {
                unchanged++;
            }
        }
    }

    /**
     * Approves the submitted tasks, {@link #TASKS_PER_TRANSACTION} per transaction. A task that
     * moved on since it was read (rejected, approved or paid meanwhile) makes its transaction
     * fail as a whole: the chunk is re-read and committed without it, and the task then goes
     * the way of a single approval. A chunk short of funds is approved task by task, so the
     * failure names its task as a single approval would. What was approved before a failure
     * is in {@code run} when it is thrown.
     */
    void approveAll(List<Task> submitted, ApprovalRun run) {
        for (int from = 0; from < submitted.size(); from += TASKS_PER_TRANSACTION) {
            List<Task> chunk = submitted.subList(from, Math.min(submitted.size(), from + TASKS_PER_TRANSACTION));
            for (Task task : approveChunk(chunk, run)) {
                run.count(approve(task, run));
            }
        }
    }

    /** @return the tasks the chunk's transaction could not take, to approve one by one */
    private List<Task> approveChunk(List<Task> chunk, ApprovalRun run) {
        // Only submitted work is paid from escrow; anything else goes the way of a single approval.
        Map<Boolean, List<Task>> submitted = chunk.stream()
                .collect(Collectors.partitioningBy(task -> task.state() == TaskState.SUBMITTED));
        List<Task> pending = submitted.get(true);
        List<Task> oneByOne = new ArrayList<>(submitted.get(false));
        while (!pending.isEmpty()) {
            Instant now = clock.instant();
            List<Approval> approvals = pending.stream()
                    .map(task -> approval(task, LedgerAccount.businessEscrow(task.businessId()), now))
                    .toList();
            switch (ledger.commit(new LedgerStore.Commit(
                    approvals.stream().map(Approval::change).toList(),
                    approvals.stream().flatMap(approval -> approval.entries().stream()).toList(),
                    Optional.empty()))) {
                case COMMITTED -> {
                    approvals.forEach(approval -> committed(approval, now, run));
                    run.approved += approvals.size();
                    return oneByOne;
                }
                case MOVED_ON -> {
                    Map<String, Task> current = tasks.findAll(pending.stream().map(Task::id).toList()).stream()
                            .collect(Collectors.toMap(Task::id, Function.identity()));
                    Map<Boolean, List<Task>> asRead = pending.stream()
                            .collect(Collectors.partitioningBy(task -> unchanged(task, current.get(task.id()))));
                    if (asRead.get(false).isEmpty()) {
                        // The store saw a change the re-read does not show: let each task find out on its own.
                        oneByOne.addAll(pending);
                        return oneByOne;
                    }
                    asRead.get(false).forEach(task -> oneByOne.add(current.getOrDefault(task.id(), task)));
                    pending = asRead.get(true);
                }
                case INSUFFICIENT_FUNDS -> {
                    oneByOne.addAll(pending);
                    return oneByOne;
                }
            }
        }
        return oneByOne;
    }

    private static boolean unchanged(Task read, Task current) {
        return current != null && current.state() == read.state() && current.version() == read.version();
    }

    /** Approves one task, re-reading it when it moved on; a task already approved is asked a payout again. */
    Task approve(Task task, ApprovalRun run) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            String source;
            switch (task.state()) {
                case APPROVED -> {
                    // The earlier approval may have crashed before asking for the payout: asking again is harmless.
                    run.owe(task);
                    return task;
                }
                case PAID -> {
                    return task;
                }
                case SUBMITTED -> source = LedgerAccount.businessEscrow(task.businessId());
                case REJECTED -> {
                    if (task.updatedAt().plus(ReviewSubmissions.UNDO_REJECTION_WITHIN).isBefore(now)) {
                        throw new ConflictException("Task " + task.id() + " was rejected more than "
                                + ReviewSubmissions.UNDO_REJECTION_WITHIN.toDays() + " days ago and can no longer be approved");
                    }
                    // Its escrow went back to the balance on rejection, so approval pays from the balance.
                    source = LedgerAccount.businessAvailable(task.businessId());
                }
                default -> throw new ConflictException("Task " + task.id() + " is " + task.state()
                        + "; only submitted work (or work rejected in the last 7 days) can be approved");
            }
            Approval approval = approval(task, source, now);
            switch (ledger.commit(new LedgerStore.Commit(List.of(approval.change()), approval.entries(), Optional.empty()))) {
                case COMMITTED -> {
                    committed(approval, now, run);
                    return approval.change().after();
                }
                case INSUFFICIENT_FUNDS -> throw new InsufficientBalanceException("Approving task " + task.id()
                        + " again needs " + task.reward().plus(task.fee()) + " from your available balance");
                case MOVED_ON -> task = reload(task);
            }
        }
        throw new ConflictException("Task " + task.id() + " kept changing; retry");
    }

    /** A task's transition to APPROVED and the entries paying its reward and fee from {@code source}. */
    private record Approval(LedgerStore.TaskChange change, List<LedgerEntry> entries) {
    }

    private Approval approval(Task task, String source, Instant now) {
        Task after = task.transition(TaskState.APPROVED, now);
        String workerId = task.submission().workerId();
        List<LedgerEntry> entries = Stream.of(
                        entry(source, LedgerAccount.workerEarnings(workerId), task.reward(), EntryReason.REWARD, task, now),
                        entry(source, LedgerAccount.PLATFORM_FEES, task.fee(), EntryReason.PLATFORM_FEE, task, now))
                .flatMap(Optional::stream)
                .toList();
        return new Approval(new LedgerStore.TaskChange(task, after), entries);
    }

    private void committed(Approval approval, Instant now, ApprovalRun run) {
        Task after = approval.change().after();
        run.events.add(Event.of(ids, EventType.TASK_APPROVED, after, now));
        run.owe(after);
    }

    /** A zero amount (a fee of 0 basis points) moves nothing and gets no entry. */
    Optional<LedgerEntry> entry(String from, String to, Money amount, EntryReason reason, Task task, Instant at) {
        return amount.isPositive()
                ? Optional.of(new LedgerEntry(ids.next(IdType.LEDGER_ENTRY), from, to, amount, reason, task.jobId(),
                task.id(), at))
                : Optional.empty();
    }

    private Task reload(Task task) {
        return tasks.findAll(List.of(task.id())).stream().findFirst()
                .orElseThrow(() -> new ConflictException("Task " + task.id() + " disappeared"));
    }
}
