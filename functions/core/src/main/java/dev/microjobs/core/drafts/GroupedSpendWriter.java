package dev.microjobs.core.drafts;

import dev.microjobs.core.jobs.DraftSpend;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Writes one job's draft spend for the drafts of a batch that finish at about the same time in
 * one atomic add (a group commit): while one write is under way, the drafts that finish join the
 * next group, and the first of them to find no write under way writes the group's sum.
 *
 * <p>{@link #record} returns only once the write carrying its draft succeeded, so a task never
 * becomes READY with its draft's spend unwritten, and throws that write's failure to every draft
 * it carried, whose messages are retried and add their new drafts' spend then. Each draft is in
 * exactly one write, so the totals stay exact as with one write per draft. A draft waits at most
 * for the write under way before its own.
 */
final class GroupedSpendWriter {
    private final Consumer<DraftSpend> write;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private Group open = new Group();
    private boolean writing;

    /** @param write adds a sum of spend to the job's totals, atomically */
    GroupedSpendWriter(Consumer<DraftSpend> write) {
        this.write = write;
    }

    /** @throws RuntimeException the failure of the write that carried this draft's spend */
    void record(DraftSpend spend) {
        Group mine;
        lock.lock();
        try {
            mine = open;
            mine.sum = mine.sum.plus(spend);
            while (writing && !mine.done) {
                written.awaitUninterruptibly();
            }
            if (mine.done) {
                mine.rethrowFailure();
                return;
            }
            // No write under way and this group still open: this thread writes it.
            writing = true;
            open = new Group();
        } finally {
            lock.unlock();
        }
        // Stays the failure unless the write returns or throws: a write dying with an Error must
        // still hand the next group on, or every draft behind it waits forever.
        RuntimeException failure = new IllegalStateException("The write carrying this draft's spend did not finish");
        try {
            write.accept(mine.sum);
            failure = null;
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            lock.lock();
            try {
                mine.done = true;
                mine.failure = failure;
                writing = false;
                written.signalAll();
            } finally {
                lock.unlock();
            }
        }
        mine.rethrowFailure();
    }

    /** How many drafts wait to join the next write, for tests that line drafts up behind a write. */
    int draftsWaiting() {
        lock.lock();
        try {
            return (int) open.sum.drafts();
        } finally {
            lock.unlock();
        }
    }

    /** The drafts one write carries; guarded by the lock. */
    private static final class Group {
        DraftSpend sum = DraftSpend.NONE;
        boolean done;
        RuntimeException failure;

        void rethrowFailure() {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
