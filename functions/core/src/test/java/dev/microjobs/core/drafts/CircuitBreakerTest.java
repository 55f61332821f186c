package dev.microjobs.core.drafts;

import dev.microjobs.core.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.microjobs.core.drafts.CircuitBreaker.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final MutableClock clock = new MutableClock(DraftFixtures.T0);
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertTrue(breaker.tryAcquire());
            breaker.onFailure();
        }
    }

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        fail(2);
        assertTrue(breaker.tryAcquire());
        breaker.onSuccess();
        fail(2);
        assertEquals(State.CLOSED, breaker.state(), "a success in between resets the count");

        fail(1);

        assertEquals(State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire(), "open: calls fail fast");
        assertEquals(DraftFixtures.T0.plusSeconds(30), breaker.retryAt());
    }

    @Test
    void letsOneTrialThroughAfterTheCoolDownAndClosesOnItsSuccess() {
        fail(3);
        clock.advance(Duration.ofSeconds(29));
        assertFalse(breaker.tryAcquire());

        clock.advance(Duration.ofSeconds(1));
        assertTrue(breaker.tryAcquire(), "the trial");
        assertEquals(State.HALF_OPEN, breaker.state());
        assertFalse(breaker.tryAcquire(), "only one trial at a time");

        breaker.onSuccess();
        assertEquals(State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void aFailedTrialOpensItForAnotherCoolDown() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));
        assertTrue(breaker.tryAcquire());

        breaker.onFailure();

        assertEquals(State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
        clock.advance(Duration.ofSeconds(30));
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void aNeutralTrialFreesTheTrialSlotWithoutDecidingAnything() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));
        assertTrue(breaker.tryAcquire());

        breaker.onNeutral();

        assertEquals(State.HALF_OPEN, breaker.state());
        assertTrue(breaker.tryAcquire(), "the next call may be the trial");
    }
}
