package dev.microjobs.core.drafts;

import dev.microjobs.core.jobs.DraftSpend;
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

class GroupedSpendWriterTest {
    /** Every write, in order, as the sum it added. */
    private final List<DraftSpend> writes = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstWriteUnderWay = new CountDownLatch(1);
    private final CountDownLatch finishFirstWrite = new CountDownLatch(1);
    private volatile boolean tableDown;
    private volatile boolean firstWriteCrashes;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Future<Void> first;

    /** Adds to {@link #writes}; the first write waits until the test lets it finish. */
    private final GroupedSpendWriter writer = new GroupedSpendWriter(sum -> {
        if (tableDown) {
            throw new IllegalStateException("table unavailable");
        }
        writes.add(sum);
        if (writes.size() == 1) {
            firstWriteUnderWay.countDown();
            await(finishFirstWrite);
            if (firstWriteCrashes) {
                throw new Error("the process died after the write");
            }
        }
    });

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void draftsFinishingWhileAWriteIsUnderWayShareTheNextWrite() throws Exception {
        List<Future<Void>> next = lineUpBehindTheFirstWrite(3);

        assertFalse(next.stream().anyMatch(Future::isDone), "none returns before its spend is written");
        finishFirstWrite.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (Future<Void> draft : next) {
            draft.get(10, TimeUnit.SECONDS);
        }

        assertEquals(List.of(spend(10), spend(1).plus(spend(2)).plus(spend(3))), writes);
    }

    @Test
    void aFailedWriteFailsExactlyTheDraftsItCarriedAndTheNextWriteWorksAgain() throws Exception {
        List<Future<Void>> carried = lineUpBehindTheFirstWrite(2);
        tableDown = true;
        finishFirstWrite.countDown();

        first.get(10, TimeUnit.SECONDS);
        for (Future<Void> draft : carried) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> draft.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, failed.getCause());
        }
        tableDown = false;
        record(spend(5)).get(10, TimeUnit.SECONDS);

        assertEquals(List.of(spend(10), spend(5)), writes, "the failed write added nothing");
    }

    @Test
    void aWriteDyingWithAnErrorStillLetsTheDraftsBehindItWrite() throws Exception {
        List<Future<Void>> next = lineUpBehindTheFirstWrite(2);
        firstWriteCrashes = true;
        finishFirstWrite.countDown();

        ExecutionException crashed = assertThrows(ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS));
        assertInstanceOf(Error.class, crashed.getCause());
        for (Future<Void> draft : next) {
            draft.get(10, TimeUnit.SECONDS);
        }

        assertEquals(List.of(spend(10), spend(1).plus(spend(2))), writes);
    }

    @Test
    void aDraftAloneIsWrittenAtOnce() throws Exception {
        finishFirstWrite.countDown();

        record(spend(1)).get(10, TimeUnit.SECONDS);
        record(spend(2)).get(10, TimeUnit.SECONDS);

        assertEquals(List.of(spend(1), spend(2)), writes);
    }

    private Future<Void> record(DraftSpend spend) {
        return threads.submit(() -> {
            writer.record(spend);
            return null;
        });
    }

    /**
     * Starts {@link #first}, a draft of 10 input tokens whose write is held until the test lets it
     * finish, and then that many drafts of 1, 2, ... input tokens, which wait behind it.
     */
    private List<Future<Void>> lineUpBehindTheFirstWrite(int drafts) throws InterruptedException {
        first = record(spend(10));
        await(firstWriteUnderWay);
        List<Future<Void>> waiting = IntStream.rangeClosed(1, drafts).mapToObj(i -> record(spend(i))).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.draftsWaiting() < drafts) {
            assertTrue(System.nanoTime() < deadline, "only " + writer.draftsWaiting() + " drafts lined up");
            Thread.sleep(5);
        }
        return waiting;
    }

    /** One draft of that many input tokens. */
    private static DraftSpend spend(long inputTokens) {
        return new DraftSpend(1, inputTokens, 1, 100);
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
