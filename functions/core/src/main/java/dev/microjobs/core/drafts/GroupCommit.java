package dev.microjobs.core.drafts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Writes what the drafts of a batch hand in at about the same time in one write (a group
 * commit): while one write is under way, what arrives joins the next group, and the first of
 * its drafts to find no write under way writes the whole group.
 *
 * <p>{@link #submit} returns only once the write carrying its item finished, with that write's
 * result, and throws that write's failure to every draft it carried, whose messages are retried.
 * Each item is in exactly one write. A draft waits at most for the write under way before its own.
 * Used for a job's draft spend (one atomic add of the group's sum, so the totals stay exact) and
 * for making drafted tasks READY (one batch of conditional writes).
 *
 * @param <T> what one draft hands in
 * @param <R> what a write answers, shared by every draft of its group
 */
final class GroupCommit<T, R> {
    private final Function<List<T>, R> write;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private Group<T, R> open = new Group<>();
    private boolean writing;

    /** @param write writes a group's items, in the order handed in */
    GroupCommit(Function<List<T>, R> write) {
        this.write = write;
    }

    /**
     * @return what the write that carried this item answered
     * @throws RuntimeException the failure of the write that carried this item
     */
    R submit(T item) {
        Group<T, R> mine;
        lock.lock();
        try {
            mine = open;
            mine.items.add(item);
            while (writing && !mine.done) {
                written.awaitUninterruptibly();
            }
            if (mine.done) {
                return mine.resultOrThrow();
            }
            // No write under way and this group still open: this thread writes it.
            writing = true;
            open = new Group<>();
        } finally {
            lock.unlock();
        }
        // Stays the failure unless the write returns or throws: a write dying with an Error must
        // still hand the next group on, or every draft behind it waits forever.
        RuntimeException failure = new IllegalStateException("The write carrying this draft did not finish");
        R result = null;
        try {
            result = write.apply(List.copyOf(mine.items));
            failure = null;
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            lock.lock();
            try {
                mine.done = true;
                mine.result = result;
                mine.failure = failure;
                writing = false;
                written.signalAll();
            } finally {
                lock.unlock();
            }
        }
        return mine.resultOrThrow();
    }

    /** How many items wait to join the next write, for tests that line drafts up behind a write. */
    int waiting() {
        lock.lock();
        try {
            return open.items.size();
        } finally {
            lock.unlock();
        }
    }

    /** The items one write carries and what became of it; guarded by the lock. */
    private static final class Group<T, R> {
        final List<T> items = new ArrayList<>();
        boolean done;
        R result;
        RuntimeException failure;

        R resultOrThrow() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
