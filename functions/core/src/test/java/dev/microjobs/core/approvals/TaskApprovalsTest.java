package dev.microjobs.core.approvals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.microjobs.core.domain.Claim;
import dev.microjobs.core.domain.Draft;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.DraftUse;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobStatus;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.Submission;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.errors.InsufficientBalanceException;
import dev.microjobs.core.ledger.EntryReason;
import dev.microjobs.core.ledger.LedgerAccount;
import dev.microjobs.core.ledger.LedgerEntry;
import dev.microjobs.core.ports.LedgerStore;
import dev.microjobs.core.ports.PayoutQueue;
import dev.microjobs.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskApprovalsTest {
    private static final long REWARD = 25;
    private static final long FEE = 5;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final IdGenerator ids = new IdGenerator(clock);
    private final FakeLedger ledger = new FakeLedger();
    private final TaskApprovals approvals = new TaskApprovals(ledger, ledger, ids, clock);
    private final Job job = job(100);
    private final String escrow = LedgerAccount.businessEscrow(job.businessId());
    private final String available = LedgerAccount.businessAvailable(job.businessId());
    private final List<String> workers = IntStream.range(0, 3).mapToObj(i -> ids.next(IdType.WORKER)).toList();

    @Test
    void approvesAChunkPerTransactionWithEntriesPerTaskAndOnePayoutRequestPerWorker() {
        List<Task> submitted = submittedTasks(50);

        TaskApprovals.ApprovalRun run = approveAll(submitted);

        assertEquals(50, run.approved);
        assertEquals(0, run.unchanged);
        assertEquals(List.of(24, 24, 2), tasksPerCommit());
        assertEquals(3, ledger.attempts);
        for (Task task : submitted) {
            assertEquals(TaskState.APPROVED, ledger.task(task.id()).state());
            assertEquals(Set.of(EntryReason.REWARD, EntryReason.PLATFORM_FEE), reasons(ledger.entriesOf(task.id())));
        }
        assertEquals(0, ledger.balance(escrow));
        assertEquals(50 * FEE, ledger.balance(LedgerAccount.PLATFORM_FEES));
        assertEquals(17 * REWARD, ledger.balance(LedgerAccount.workerEarnings(workers.get(0))));
        assertEquals(50, run.events.size());
        assertEquals(Set.copyOf(workers.stream().map(w -> new PayoutQueue.Settlement(w, "USD")).toList()),
                run.settlements);
    }

    @Test
    void aTaskRejectedMeanwhileLeavesItsChunkAndIsThenApprovedOnItsOwnFromTheBalance() {
        List<Task> submitted = submittedTasks(5);
        Task rejected = submitted.get(2);
        ledger.beforeNextCommit(() -> reject(rejected));

        TaskApprovals.ApprovalRun run = approveAll(submitted);

        assertEquals(5, run.approved);
        assertEquals(List.of(1, 4, 1), tasksPerCommit(),
                "the rejection, the chunk without it, then its own approval");
        assertEquals(rejected.id(), ledger.committed.get(2).tasks().get(0).before().id());
        assertTrue(ledger.entriesOf(rejected.id()).stream()
                .filter(entry -> entry.reason() != EntryReason.ESCROW_RELEASE)
                .allMatch(entry -> entry.from().equals(available)), "approving after a rejection pays from the balance");
        assertEquals(0, ledger.balance(escrow));
        assertEquals(100 * (REWARD + FEE) - 5 * (REWARD + FEE), ledger.balance(available));
        assertEquals(5, run.events.size());
    }

    @Test
    void aTaskPaidMeanwhileIsLeftUnchangedAndTheRestOfItsChunkApproved() {
        List<Task> submitted = submittedTasks(4);
        Task paid = submitted.get(0);
        ledger.beforeNextCommit(() -> approveAndPay(paid));

        TaskApprovals.ApprovalRun run = approveAll(submitted);

        assertEquals(3, run.approved);
        assertEquals(1, run.unchanged);
        assertEquals(List.of(3), tasksPerCommit());
        assertEquals(List.of(), ledger.entriesOf(paid.id()));
        assertEquals(3, run.events.size());
    }

    @Test
    void approvingTheSameTasksAgainPaysNothingTwiceAndAsksForThePayoutsAgain() {
        List<Task> submitted = submittedTasks(30);
        approveAll(submitted);
        int entries = ledger.committed.stream().mapToInt(commit -> commit.entries().size()).sum();

        TaskApprovals.ApprovalRun again = approveAll(submitted);

        assertEquals(30, again.approved, "already approved counts as approved, as for a single approval");
        assertEquals(entries, ledger.committed.stream().mapToInt(commit -> commit.entries().size()).sum());
        assertEquals(List.of(), again.events);
        assertEquals(3, again.settlements.size(), "an earlier run may have died before asking for the payouts");
    }

    @Test
    void aChunkShortOfFundsIsApprovedTaskByTaskUntilTheShortfallNamesItsTask() {
        List<Task> submitted = submittedTasks(3);
        ledger.deposit(escrow, -(ledger.balance(escrow) - 2 * (REWARD + FEE)));

        TaskApprovals.ApprovalRun run = new TaskApprovals.ApprovalRun();
        InsufficientBalanceException shortfall = assertThrows(InsufficientBalanceException.class,
                () -> approvals.approveAll(submitted, run));

        assertTrue(shortfall.getMessage().contains(submitted.get(2).id()), shortfall.getMessage());
        assertEquals(List.of(1, 1), tasksPerCommit());
        assertEquals(TaskState.SUBMITTED, ledger.task(submitted.get(2).id()).state());
        assertEquals(0, ledger.balance(escrow));
        assertEquals(2, run.events.size(), "the approvals before the shortfall are still told");
        assertEquals(2, run.settlements.size());
    }

    private TaskApprovals.ApprovalRun approveAll(List<Task> submitted) {
        TaskApprovals.ApprovalRun run = new TaskApprovals.ApprovalRun();
        approvals.approveAll(submitted, run);
        return run;
    }

    private List<Integer> tasksPerCommit() {
        return ledger.committed.stream().map(commit -> commit.tasks().size()).toList();
    }

    /** {@code count} tasks submitted by the three workers in turn, their reward and fee held in escrow. */
    private List<Task> submittedTasks(int count) {
        ledger.deposit(available, 100 * (REWARD + FEE) - count * (REWARD + FEE));
        ledger.deposit(escrow, count * (REWARD + FEE));
        Instant at = clock.instant();
        return IntStream.range(0, count).mapToObj(input -> {
            String workerId = workers.get(input % workers.size());
            Claim claim = new Claim(ids.next(IdType.CLAIM), workerId, at, at.plusSeconds(600));
            Task task = Task.create(ids.next(IdType.TASK), job, input, JsonNodeFactory.instance.objectNode(), at)
                    .ready(Draft.of(DraftProviderName.OFFLINE, null, TextNode.valueOf("draft"), 5, null, null, at), at)
                    .claim(claim, at)
                    .submit(new Submission(claim.claimId(), workerId, TextNode.valueOf("work"), DraftUse.EDITED, at, at,
                            60, 0.5), at);
            ledger.add(task);
            return task;
        }).toList();
    }

    /** A rejection without requeue landing first: escrow goes back to the balance. */
    private void reject(Task task) {
        LedgerEntry release = new LedgerEntry(ids.next(IdType.LEDGER_ENTRY), escrow, available,
                task.reward().plus(task.fee()), EntryReason.ESCROW_RELEASE, task.jobId(), task.id(), clock.instant());
        assertEquals(LedgerStore.Outcome.COMMITTED, ledger.commit(new LedgerStore.Commit(
                List.of(new LedgerStore.TaskChange(task, task.transition(TaskState.REJECTED, clock.instant()))),
                List.of(release), Optional.empty())));
    }

    /** Another approval and its payout landing first (its money moves are not this test's concern). */
    private void approveAndPay(Task task) {
        Task approved = task.transition(TaskState.APPROVED, clock.instant());
        assertTrue(ledger.transition(task, approved));
        assertTrue(ledger.transition(approved, approved.transition(TaskState.PAID, clock.instant())));
    }

    private static Set<EntryReason> reasons(List<LedgerEntry> entries) {
        assertEquals(entries.size(), Set.copyOf(entries.stream().map(LedgerEntry::reason).toList()).size(),
                "one entry per reason");
        return Set.copyOf(entries.stream().map(LedgerEntry::reason).toList());
    }

    private Job job(int tasks) {
        return new Job(ids.next(IdType.JOB), ids.next(IdType.BUSINESS), JobType.TAGLINE, "Taglines for Acme",
                "Five words at most.", new Money(REWARD, "USD"), new Money(FEE, "USD"), 1, tasks,
                Set.of("copywriting"), new Job.DraftSettings(DraftProviderName.OFFLINE, null), null, 600, 86_400,
                clock.instant(), clock.instant().plus(Duration.ofDays(7)), JobStatus.OPEN);
    }
}
