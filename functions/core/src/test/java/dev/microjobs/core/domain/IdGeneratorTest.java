package dev.microjobs.core.domain;

import dev.microjobs.core.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdGeneratorTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final Pattern CROCKFORD_26 = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");

    @ParameterizedTest
    @EnumSource(IdType.class)
    void idsAreThePrefixAnUnderscoreAnd26CrockfordCharacters(IdType type) {
        String id = new IdGenerator(Clock.systemUTC()).next(type);

        assertTrue(id.startsWith(type.prefix() + "_"), id);
        assertTrue(CROCKFORD_26.matcher(id.substring(type.prefix().length() + 1)).matches(), id);
    }

    @Test
    void theTimestampIsReadBackToTheMillisecond() {
        String id = new IdGenerator(Clock.fixed(T0, ZoneOffset.UTC)).next(IdType.JOB);

        assertEquals(T0, Id.parse(IdType.JOB, id).timestamp());
    }

    @Test
    void idsGeneratedInATightLoopStrictlyIncrease() {
        IdGenerator ids = new IdGenerator(Clock.systemUTC());
        String previous = ids.next(IdType.TASK);
        for (int i = 0; i < 1_000; i++) {
            String next = ids.next(IdType.TASK);
            assertTrue(next.compareTo(previous) > 0, previous + " then " + next);
            previous = next;
        }
    }

    @Test
    void idsInTheSameMillisecondCountUpFromTheFirst() {
        IdGenerator ids = new IdGenerator(Clock.fixed(T0, ZoneOffset.UTC), () -> 0L);

        assertEquals("evt_01KJMMA2KV0000000000000000", ids.next(IdType.EVENT));
        assertEquals("evt_01KJMMA2KV0000000000000001", ids.next(IdType.EVENT));
        assertEquals("evt_01KJMMA2KV0000000000000002", ids.next(IdType.EVENT));
    }

    @Test
    void aClockSteppingBackwardsDoesNotBreakTheOrder() {
        MutableClock clock = new MutableClock(T0);
        IdGenerator ids = new IdGenerator(clock);
        String before = ids.next(IdType.CLAIM);

        clock.advance(Duration.ofSeconds(-5));
        String after = ids.next(IdType.CLAIM);

        assertTrue(after.compareTo(before) > 0, before + " then " + after);
        assertEquals(T0, Id.parse(IdType.CLAIM, after).timestamp());
    }

    @Test
    void anExhaustedRandomPartBorrowsTheNextMillisecond() {
        IdGenerator ids = new IdGenerator(Clock.fixed(T0, ZoneOffset.UTC), () -> -1L);
        String allOnes = ids.next(IdType.PAYOUT);
        String next = ids.next(IdType.PAYOUT);

        assertTrue(allOnes.endsWith("ZZZZZZZZZZZZZZZZ"), allOnes);
        assertTrue(next.compareTo(allOnes) > 0, allOnes + " then " + next);
        assertEquals(T0.plusMillis(1), Id.parse(IdType.PAYOUT, next).timestamp());
    }

    @Test
    void aClockBeforeTheEpochIsRefused() {
        IdGenerator ids = new IdGenerator(Clock.fixed(Instant.parse("1969-12-31T23:59:59Z"), ZoneOffset.UTC));

        assertThrows(IllegalStateException.class, () -> ids.next(IdType.JOB));
    }

    @Test
    void threadsSharingAGeneratorNeverGetTheSameId() throws Exception {
        IdGenerator ids = new IdGenerator(Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> batches = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                batches.add(pool.submit(() -> {
                    List<String> batch = new ArrayList<>();
                    for (int i = 0; i < 2_000; i++) {
                        batch.add(ids.next(IdType.LEDGER_ENTRY));
                    }
                    return batch;
                }));
            }
            Set<String> all = new HashSet<>();
            for (Future<List<String>> batch : batches) {
                all.addAll(batch.get());
            }
            assertEquals(8_000, all.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
