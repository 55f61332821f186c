package dev.microjobs.core.drafts;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitTest {
    /** Every write, in order, as the items it carried. */
    private final List<List<Integer>> writes = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstWriteUnderWay = new CountDownLatch(1);
    private final CountDownLatch finishFirstWrite = new CountDownLatch(1);
    private volatile boolean tableDown;
    private volatile boolean firstWriteCrashes;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Future<Integer> first;

    /**
     * Adds to {@link #writes} and answers with the write's number; the first write waits until the
     * test lets it finish.
     */
    private final GroupCommit<Integer, Integer> writer = new GroupCommit<>(items -> {
        if (tableDown) {
            throw new IllegalStateException("table unavailable");
        }
        writes.add(items);
        if (writes.size() == 1) {
            firstWriteUnderWay.countDown();
            await(finishFirstWrite);
            if (firstWriteCrashes) {
                throw new Error("the process died after the write");
            }
        }
        return writes.size();
    });

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void draftsFinishingWhileAWriteIsUnderWayShareTheNextWriteAndItsAnswer() throws Exception {
        List<Future<Integer>> next = lineUpBehindTheFirstWrite(3);

        assertFalse(next.stream().anyMatch(Future::isDone), "none returns before its item is written");
        finishFirstWrite.countDown();
        assertEquals(1, first.get(10, TimeUnit.SECONDS));
        for (Future<Integer> draft : next) {
            assertEquals(2, draft.get(10, TimeUnit.SECONDS), "the answer of the write that carried it");
        }

        assertEquals(List.of(List.of(10), List.of(1, 2, 3)), sorted(writes));
    }

    @Test
    void aFailedWriteFailsExactlyTheDraftsItCarriedAndTheNextWriteWorksAgain() throws Exception {
        List<Future<Integer>> carried = lineUpBehindTheFirstWrite(2);
        tableDown = true;
        finishFirstWrite.countDown();

        first.get(10, TimeUnit.SECONDS);
        for (Future<Integer> draft : carried) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> draft.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, failed.getCause());
        }
        tableDown = false;
        submit(5).get(10, TimeUnit.SECONDS);

        assertEquals(List.of(List.of(10), List.of(5)), writes, "the failed write wrote nothing");
    }

    @Test
    void aWriteDyingWithAnErrorStillLetsTheDraftsBehindItWrite() throws Exception {
        List<Future<Integer>> next = lineUpBehindTheFirstWrite(2);
        firstWriteCrashes = true;
        finishFirstWrite.countDown();

        ExecutionException crashed = assertThrows(ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS));
        assertInstanceOf(Error.class, crashed.getCause());
        for (Future<Integer> draft : next) {
            draft.get(10, TimeUnit.SECONDS);
        }

        assertEquals(List.of(List.of(10), List.of(1, 2)), sorted(writes));
    }

    @Test
    void aDraftAloneIsWrittenAtOnce() throws Exception {
        finishFirstWrite.countDown();

        submit(1).get(10, TimeUnit.SECONDS);
        submit(2).get(10, TimeUnit.SECONDS);

        assertEquals(List.of(List.of(1), List.of(2)), writes);
    }

    private Future<Integer> submit(int item) {
        return threads.submit(() -> writer.submit(item));
    }

    /**
     * Starts {@link #first}, a draft handing in 10 whose write is held until the test lets it
     * finish, and then that many drafts handing in 1, 2, ..., which wait behind it.
     */
    private List<Future<Integer>> lineUpBehindTheFirstWrite(int drafts) throws InterruptedException {
        first = submit(10);
        await(firstWriteUnderWay);
        List<Future<Integer>> waiting = IntStream.rangeClosed(1, drafts).mapToObj(this::submit).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.waiting() < drafts) {
            assertTrue(System.nanoTime() < deadline, "only " + writer.waiting() + " drafts lined up");
            Thread.sleep(5);
        }
        return waiting;
    }

    /** The writes with each one's items in order: drafts lined up on threads join a group in any order. */
    private static List<List<Integer>> sorted(List<List<Integer>> writes) {
        return writes.stream().map(items -> items.stream().sorted().toList()).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
