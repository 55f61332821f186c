package dev.microjobs.core.approvals;

import dev.microjobs.core.domain.Task;
import dev.microjobs.core.ledger.LedgerEntry;
import dev.microjobs.core.ports.LedgerStore;
import dev.microjobs.core.ports.TaskStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Tasks and balances in memory, committed as DynamoDB does: all or nothing, each task only if
 * its state and version are still as read, and no balance below zero (every account but the
 * platform's and the outside world's keeps one).
 */
final class FakeLedger implements LedgerStore, TaskStore {
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<String, Long> balances = new HashMap<>();
    /** The commits that went through, in order. */
    final List<Commit> committed = new ArrayList<>();
    /** How many commits were asked for, committed or not. */
    int attempts;
    /** Runs once, just before the next commit is checked: a concurrent change landing first. */
    private Runnable beforeNextCommit = () -> {
    };

    void add(Task task) {
        tasks.put(task.id(), task);
    }

    Task task(String id) {
        return tasks.get(id);
    }

    void deposit(String account, long amount) {
        balances.merge(account, amount, Long::sum);
    }

    long balance(String account) {
        return balances.getOrDefault(account, 0L);
    }

    void beforeNextCommit(Runnable change) {
        beforeNextCommit = change;
    }

    List<LedgerEntry> entriesOf(String taskId) {
        return committed.stream().flatMap(commit -> commit.entries().stream())
                .filter(entry -> Objects.equals(entry.taskId(), taskId)).toList();
    }

    @Override
    public Outcome commit(Commit commit) {
        attempts++;
        Runnable change = beforeNextCommit;
        beforeNextCommit = () -> {
        };
        change.run();
        for (TaskChange task : commit.tasks()) {
            if (!isAsRead(task.before())) {
                return Outcome.MOVED_ON;
            }
        }
        Map<String, Long> after = new HashMap<>(balances);
        for (LedgerEntry entry : commit.entries()) {
            after.merge(entry.from(), -entry.amount().amount(), Long::sum);
            after.merge(entry.to(), entry.amount().amount(), Long::sum);
        }
        boolean overdrawn = after.entrySet().stream()
                .anyMatch(balance -> keepsBalance(balance.getKey()) && balance.getValue() < 0);
        if (overdrawn) {
            return Outcome.INSUFFICIENT_FUNDS;
        }
        balances.putAll(after);
        commit.tasks().forEach(task -> tasks.put(task.after().id(), task.after()));
        committed.add(commit);
        return Outcome.COMMITTED;
    }

    @Override
    public boolean transition(Task before, Task after) {
        if (!isAsRead(before)) {
            return false;
        }
        tasks.put(after.id(), after);
        return true;
    }

    /** Each on its own, as DynamoDB's batch of conditional statements applies them. */
    @Override
    public Transitions transitionAll(List<Transition> transitions) {
        return new Transitions(transitions.stream().filter(change -> transition(change.before(), change.after()))
                .map(Transition::taskId).collect(Collectors.toSet()), Map.of());
    }

    @Override
    public List<Task> findAll(List<String> taskIds) {
        return taskIds.stream().map(tasks::get).filter(Objects::nonNull).toList();
    }

    private boolean isAsRead(Task read) {
        Task stored = tasks.get(read.id());
        return stored != null && stored.state() == read.state() && stored.version() == read.version();
    }

    private static boolean keepsBalance(String account) {
        return account.startsWith("business:") || account.startsWith("worker:");
    }
}
