package dev.microjobs.core.sweeper;

import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.review.FakeReviewStore;
import dev.microjobs.core.testing.MutableClock;
import dev.microjobs.core.review.ReviewFixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SweeperTest {
    private final ReviewFixtures fx = new ReviewFixtures();
    private final MutableClock clock = fx.clock;

    @Test
    void runsEverySweepInOrderAndAFailingOneDoesNotStopTheOthers() {
        Sweep failing = sweep("first", () -> {
            throw new IllegalStateException("table unavailable");
        });
        Sweep working = sweep("second", () -> 3);

        Map<String, Integer> report = new Sweeper(List.of(failing, working), clock).run(Duration.ofSeconds(45));

        assertEquals(List.of("first", "second"), List.copyOf(report.keySet()));
        assertEquals(-1, report.get("first"));
        assertEquals(3, report.get("second"));
    }

    @Test
    void expiredLeasesGoBackToReadyAndLiveOnesStay() {
        FakeReviewStore store = fx.store;
        Task expiring = claimedTask(60);
        Task live = claimedTask(600);

        clock.advance(Duration.ofSeconds(61));
        int returned = new ExpiredLeases(store, clock).sweep(clock.instant(), clock.instant().plusSeconds(45));

        assertEquals(1, returned);
        assertEquals(TaskState.READY, store.task(expiring.id()).state());
        assertEquals(TaskState.CLAIMED, store.task(live.id()).state());
        assertEquals(0, new ExpiredLeases(store, clock).sweep(clock.instant(), clock.instant().plusSeconds(45)),
                "a second run finds nothing left to do");
    }

    @Test
    void aLeaseThatCannotBeEndedNowDoesNotKeepTheOthersClaimed() {
        FakeReviewStore store = fx.store;
        Task stuck = claimedTask(60);
        Task next = claimedTask(60);
        store.failNextLeaseEnd(stuck.id());

        clock.advance(Duration.ofSeconds(61));
        int returned = new ExpiredLeases(store, clock).sweep(clock.instant(), clock.instant().plusSeconds(45));

        assertEquals(1, returned);
        assertEquals(TaskState.CLAIMED, store.task(stuck.id()).state());
        assertEquals(TaskState.READY, store.task(next.id()).state());
        assertEquals(1, new ExpiredLeases(store, clock).sweep(clock.instant(), clock.instant().plusSeconds(45)),
                "the next run returns the one left");
        assertEquals(TaskState.READY, store.task(stuck.id()).state());
    }

    private Task claimedTask(long leaseSeconds) {
        fx.readyTasks(fx.job(10, 1, 1, leaseSeconds, "copy"), "draft");
        return fx.claims.claimNext(fx.worker("copy"), Optional.empty()).orElseThrow().task();
    }

    private static Sweep sweep(String name, java.util.function.IntSupplier work) {
        return new Sweep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int sweep(Instant now, Instant deadline) {
                return work.getAsInt();
            }
        };
    }
}
