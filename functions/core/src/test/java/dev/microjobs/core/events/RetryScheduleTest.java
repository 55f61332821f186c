package dev.microjobs.core.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryScheduleTest {
    private static final Instant EVENT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void waitsDoubleAfterEachFailure() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(30));

        assertEquals(Duration.ofSeconds(30), schedule.delayAfter(1));
        assertEquals(Duration.ofSeconds(60), schedule.delayAfter(2));
        assertEquals(Duration.ofSeconds(120), schedule.delayAfter(3));
        assertEquals(Duration.ofSeconds(30 * 512), schedule.delayAfter(10));
    }

    @Test
    void noWaitIsLongerThanOneVisibilityChangeAllows() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(30));

        assertEquals(RetrySchedule.MAX_DELAY, schedule.delayAfter(13));
        assertEquals(RetrySchedule.MAX_DELAY, schedule.delayAfter(100));
        assertEquals(RetrySchedule.MAX_DELAY, new RetrySchedule(Duration.ofDays(1)).delayAfter(1));
    }

    @Test
    void givesUpOnceTheNextAttemptWouldFallOutsideTheDay() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(30));
        List<Instant> attempts = new ArrayList<>(List.of(EVENT));
        Optional<Instant> next = schedule.nextAttempt(1, EVENT, EVENT);
        while (next.isPresent()) {
            attempts.add(next.get());
            next = schedule.nextAttempt(attempts.size(), EVENT, next.get());
        }

        // 0 s, 30 s, 1.5 min, ... 17 h 3 min: twelve attempts, the last within 24 hours of the event.
        assertEquals(12, attempts.size(), attempts.toString());
        assertEquals(EVENT.plusSeconds(30L * 2047), attempts.get(11));
        assertTrue(attempts.get(11).isBefore(EVENT.plus(RetrySchedule.RETRY_WINDOW)));
    }

    @Test
    void aShortBaseForTestsRetriesWithinSeconds() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(1));

        assertEquals(Optional.of(EVENT.plusSeconds(1)), schedule.nextAttempt(1, EVENT, EVENT));
        assertEquals(Optional.of(EVENT.plusSeconds(3)), schedule.nextAttempt(2, EVENT, EVENT.plusSeconds(1)));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(Duration.ofSeconds(30)).delayAfter(0));
    }
}
