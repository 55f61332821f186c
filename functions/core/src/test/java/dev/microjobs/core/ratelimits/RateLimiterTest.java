package dev.microjobs.core.ratelimits;

import dev.microjobs.core.accounts.CredentialKind;
import dev.microjobs.core.errors.RateLimitedException;
import dev.microjobs.core.ports.RateLimitStore;
import dev.microjobs.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final InMemoryStore store = new InMemoryStore();
    private final RateLimiter businessLimiter = new RateLimiter(store, CredentialKind.BUSINESS, new TokenBucket(2, 3), clock);
    private final RateLimiter workerLimiter = new RateLimiter(store, CredentialKind.WORKER, new TokenBucket(1, 1), clock);

    @Test
    void admitsTheBurstThenRefusesWithRetryAfterAndWritesNothing() {
        for (int i = 0; i < 3; i++) {
            businessLimiter.admit("biz_1");
        }
        int writes = store.writes;

        RateLimitedException refused = assertThrows(RateLimitedException.class,
                () -> businessLimiter.admit("biz_1"));

        assertEquals(1, refused.retryAfterSeconds());
        assertEquals("The rate limit of this business is 2 requests a second, in bursts of up to 3; retry after 1 s.",
                refused.getMessage());
        assertEquals(writes, store.writes, "a refused request writes nothing");
    }

    @Test
    void admitsAgainAfterRetryAfter() {
        workerLimiter.admit("wkr_1");
        RateLimitedException refused = assertThrows(RateLimitedException.class,
                () -> workerLimiter.admit("wkr_1"));

        clock.advance(Duration.ofSeconds(refused.retryAfterSeconds()));

        workerLimiter.admit("wkr_1");
    }

    @Test
    void everyPrincipalHasItsOwnBucketAndEveryKindOfCallerItsOwnLimits() {
        workerLimiter.admit("wkr_1");
        assertThrows(RateLimitedException.class, () -> workerLimiter.admit("wkr_1"));

        workerLimiter.admit("wkr_2");
        for (int i = 0; i < 3; i++) {
            businessLimiter.admit("biz_1");
        }
        RateLimitedException worker = assertThrows(RateLimitedException.class,
                () -> workerLimiter.admit("wkr_2"));
        assertTrue(worker.getMessage().startsWith("The rate limit of this worker is 1 request a second, in bursts of up to 1;"), worker.getMessage());
    }

    @Test
    void ofTwoRequestsForTheLastTokenOnlyOneGetsIt() {
        businessLimiter.admit("biz_1");
        businessLimiter.admit("biz_1");
        // Between this request's read and its write, another request takes the last token.
        store.beforeNextReplace = () -> businessLimiter.admit("biz_1");

        assertThrows(RateLimitedException.class, () -> businessLimiter.admit("biz_1"));
        assertEquals(Optional.of(clock.instant().plusMillis(1_500)), store.fullAt("biz_1"), "three tokens taken, no more");
    }

    @Test
    void aBucketTooContendedToWriteRefusesForOneSecond() {
        store.alwaysConflict = true;

        RateLimitedException refused = assertThrows(RateLimitedException.class,
                () -> businessLimiter.admit("biz_1"));

        assertEquals(1, refused.retryAfterSeconds());
        assertEquals(RateLimiter.MAX_ATTEMPTS, store.attempts);
    }

    /** Compare-and-set on a map, as the DynamoDB adapter's conditional write. */
    private static final class InMemoryStore implements RateLimitStore {
        private final Map<String, Instant> buckets = new HashMap<>();
        private Runnable beforeNextReplace;
        private boolean alwaysConflict;
        private int attempts;
        private int writes;

        @Override
        public Optional<Instant> fullAt(String principalId) {
            return Optional.ofNullable(buckets.get(principalId));
        }

        @Override
        public boolean replace(String principalId, Optional<Instant> expected, Instant fullAt) {
            attempts++;
            if (beforeNextReplace != null) {
                Runnable concurrentRequest = beforeNextReplace;
                beforeNextReplace = null;
                concurrentRequest.run();
            }
            if (alwaysConflict || !Objects.equals(buckets.get(principalId), expected.orElse(null))) {
                return false;
            }
            buckets.put(principalId, fullAt);
            writes++;
            return true;
        }
    }
}
