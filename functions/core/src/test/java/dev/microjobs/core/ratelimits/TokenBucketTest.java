package dev.microjobs.core.ratelimits;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void aFullBucketGrantsAndIsFullAgainOneIntervalLater() {
        TokenBucket bucket = new TokenBucket(10, 5);

        assertEquals(new TokenBucket.Granted(NOW.plusMillis(100)), bucket.take(Optional.empty(), NOW));
        assertEquals(new TokenBucket.Granted(NOW.plusMillis(100)), bucket.take(Optional.of(NOW.minusSeconds(3600)), NOW),
                "a bucket full since long ago is just full: idle time does not pile up tokens beyond the burst");
    }

    @Test
    void grantsTheBurstAtOnceAndRefusesTheNext() {
        TokenBucket bucket = new TokenBucket(10, 5);
        Optional<Instant> fullAt = Optional.empty();
        for (int i = 1; i <= 5; i++) {
            TokenBucket.Granted granted = assertInstanceOf(TokenBucket.Granted.class, bucket.take(fullAt, NOW), "request " + i);
            fullAt = Optional.of(granted.fullAt());
        }
        assertEquals(Optional.of(NOW.plusMillis(500)), fullAt);

        assertEquals(new TokenBucket.Refused(1), bucket.take(fullAt, NOW));
    }

    @Test
    void refillsOneTokenPerInterval() {
        TokenBucket bucket = new TokenBucket(10, 5);
        Optional<Instant> empty = Optional.of(NOW.plusMillis(500));

        assertInstanceOf(TokenBucket.Refused.class, bucket.take(empty, NOW.plusMillis(99)));
        TokenBucket.Granted granted = assertInstanceOf(TokenBucket.Granted.class, bucket.take(empty, NOW.plusMillis(100)));
        assertEquals(NOW.plusMillis(600), granted.fullAt());
        assertInstanceOf(TokenBucket.Refused.class, bucket.take(Optional.of(granted.fullAt()), NOW.plusMillis(100)));
    }

    @Test
    void sustainsExactlyTheRateAfterTheBurst() {
        TokenBucket bucket = new TokenBucket(4, 3);
        Optional<Instant> fullAt = Optional.empty();
        int granted = 0;
        // A request every millisecond for ten seconds: the burst, then four a second.
        for (int millis = 0; millis < 10_000; millis++) {
            if (bucket.take(fullAt, NOW.plusMillis(millis)) instanceof TokenBucket.Granted g) {
                fullAt = Optional.of(g.fullAt());
                granted++;
            }
        }
        assertEquals(3 + 4 * 10 - 1, granted, "3 at once, then one every 250 ms: at 250, 500, ..., 9750 ms");
    }

    @Test
    void refillIntervalIsRoundedUpSoTheRateIsNeverExceeded() {
        assertEquals(Duration.ofSeconds(1), new TokenBucket(1, 1).refillInterval());
        assertEquals(Duration.ofNanos(333_333_334), new TokenBucket(3, 1).refillInterval());
        assertEquals(Duration.ofNanos(1_000), new TokenBucket(TokenBucket.MAX, 1).refillInterval());

        for (int perSecond : new int[] {1, 3, 7, 999, 65_537, TokenBucket.MAX}) {
            Duration oneSecondOfTokens = new TokenBucket(perSecond, 1).refillInterval().multipliedBy(perSecond);
            assertTrue(oneSecondOfTokens.compareTo(Duration.ofSeconds(1)) >= 0, perSecond + "/s: " + oneSecondOfTokens);
            assertTrue(oneSecondOfTokens.compareTo(Duration.ofSeconds(1).plusNanos(perSecond)) < 0, perSecond + "/s: " + oneSecondOfTokens);
        }
    }

    @Test
    void retryAfterIsTheWaitInWholeSecondsRoundedUpAndAtLeastOne() {
        assertEquals(1, TokenBucket.retryAfterSeconds(Duration.ZERO));
        assertEquals(1, TokenBucket.retryAfterSeconds(Duration.ofNanos(1)));
        assertEquals(1, TokenBucket.retryAfterSeconds(Duration.ofMillis(999)));
        assertEquals(1, TokenBucket.retryAfterSeconds(Duration.ofSeconds(1)));
        assertEquals(2, TokenBucket.retryAfterSeconds(Duration.ofSeconds(1).plusNanos(1)));
        assertEquals(3600, TokenBucket.retryAfterSeconds(Duration.ofHours(1)));
    }

    @Test
    void retryAfterCountsFromWhenTheNextTokenIsBack() {
        TokenBucket slow = new TokenBucket(1, 2);
        // Empty since now, and a token back in 1 s.
        assertEquals(new TokenBucket.Refused(1), slow.take(Optional.of(NOW.plusSeconds(2)), NOW));
        assertEquals(new TokenBucket.Refused(1), slow.take(Optional.of(NOW.plusSeconds(2)), NOW.plusMillis(1)));
        // A bucket a writer with a clock ahead of ours left further out: 2.5 s to the next token, so 3.
        assertEquals(new TokenBucket.Refused(3), slow.take(Optional.of(NOW.plusMillis(3_500)), NOW));
    }

    @Test
    void waitingRetryAfterAlwaysFindsAToken() {
        for (int perSecond : new int[] {1, 2, 3, 7, 10, 250, TokenBucket.MAX}) {
            for (int burst : new int[] {1, 2, 5, 100}) {
                TokenBucket bucket = new TokenBucket(perSecond, burst);
                Optional<Instant> fullAt = Optional.empty();
                Instant at = NOW;
                TokenBucket.Take take;
                while ((take = bucket.take(fullAt, at)) instanceof TokenBucket.Granted g) {
                    fullAt = Optional.of(g.fullAt());
                    at = at.plusNanos(7);
                }
                long retryAfter = ((TokenBucket.Refused) take).retryAfterSeconds();
                assertInstanceOf(TokenBucket.Granted.class, bucket.take(fullAt, at.plusSeconds(retryAfter)),
                        perSecond + "/s, burst " + burst + ", Retry-After " + retryAfter);
            }
        }
    }

    /**
     * What lets a limiter refuse from a bucket it remembers: the stored one is never earlier, and
     * a later bucket refuses whatever an earlier one refuses, with a Retry-After no shorter.
     */
    @Test
    void aLaterBucketRefusesWhatAnEarlierOneRefusesAndNeverSooner() {
        TokenBucket bucket = new TokenBucket(3, 4);
        for (long earlierMillis = -2_000; earlierMillis <= 3_000; earlierMillis += 37) {
            for (long laterMillis = earlierMillis; laterMillis <= 3_000; laterMillis += 53) {
                Instant earlier = NOW.plusMillis(earlierMillis);
                Instant later = NOW.plusMillis(laterMillis);
                if (bucket.take(Optional.of(earlier), NOW) instanceof TokenBucket.Refused fromEarlier) {
                    TokenBucket.Refused fromLater = assertInstanceOf(TokenBucket.Refused.class,
                            bucket.take(Optional.of(later), NOW), earlier + " refuses, " + later + " grants");
                    assertTrue(fromLater.retryAfterSeconds() >= fromEarlier.retryAfterSeconds(), earlier + " / " + later);
                }
            }
        }
    }

    @Test
    void refusesLimitsThatWouldBeNoLimit() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(TokenBucket.MAX + 1, 10));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(10, TokenBucket.MAX + 1));
    }
}
