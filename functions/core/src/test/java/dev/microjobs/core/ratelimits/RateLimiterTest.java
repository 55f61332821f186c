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
    /** 2 a second (a token every 500 ms), bursts of 3. */
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
    void anAdmittedRequestCostsOneWriteWhenTheInstanceKnowsTheBucket() {
        businessLimiter.admit("biz_new");
        assertEquals(1, store.calls, "no bucket stored yet, none remembered: one write");

        clock.advance(Duration.ofMillis(700));
        businessLimiter.admit("biz_new");
        businessLimiter.admit("biz_new");

        assertEquals(3, store.calls);
        assertEquals(3, store.writes);
    }

    @Test
    void aBucketAnotherInstanceWroteCostsOneFailedWriteThenTheWrite() {
        RateLimiter otherInstance = new RateLimiter(store, CredentialKind.BUSINESS, new TokenBucket(2, 3), clock);
        businessLimiter.admit("biz_1");
        otherInstance.admit("biz_1");
        int calls = store.calls;

        businessLimiter.admit("biz_1");

        assertEquals(calls + 2, store.calls, "the failed write tells what the other instance stored; no read");
        assertEquals(Optional.of(clock.instant().plusMillis(1_500)), store.stored("biz_1"), "three tokens taken, both instances counted");
        assertThrows(RateLimitedException.class, () -> otherInstance.admit("biz_1"));
    }

    @Test
    void aRefusalFromWhatTheInstanceRemembersCostsNoStoreRequest() {
        for (int i = 0; i < 3; i++) {
            businessLimiter.admit("biz_1");
        }
        int calls = store.calls;

        for (int i = 0; i < 100; i++) {
            assertThrows(RateLimitedException.class, () -> businessLimiter.admit("biz_1"));
        }

        assertEquals(calls, store.calls, "a client hammering past its limit costs the store nothing");
    }

    @Test
    void aStaleMemoryThatWouldGrantLearnsTheStoredBucketAndRefusesFromIt() {
        RateLimiter otherInstance = new RateLimiter(store, CredentialKind.BUSINESS, new TokenBucket(2, 3), clock);
        businessLimiter.admit("biz_1");
        otherInstance.admit("biz_1");
        otherInstance.admit("biz_1");
        int writes = store.writes;

        RateLimitedException refused = assertThrows(RateLimitedException.class,
                () -> businessLimiter.admit("biz_1"));

        assertEquals(writes, store.writes);
        // The whole burst taken at once: the next token is back in 500 ms.
        assertEquals(1, refused.retryAfterSeconds());
        int calls = store.calls;
        assertThrows(RateLimitedException.class, () -> businessLimiter.admit("biz_1"));
        assertEquals(calls, store.calls, "what the failed write told is remembered");
    }

    @Test
    void aBucketTheStoreExpiredIsWrittenAnew() {
        businessLimiter.admit("biz_1");
        clock.advance(Duration.ofHours(1));
        store.expire("biz_1");

        businessLimiter.admit("biz_1");

        assertEquals(Optional.of(clock.instant().plusMillis(500)), store.stored("biz_1"));
        assertEquals(2, store.calls, "remembered full, and none stored is full too: one write");
    }

    @Test
    void aFullBucketAnotherInstanceWroteCostsOneWrite() {
        RateLimiter otherInstance = new RateLimiter(store, CredentialKind.BUSINESS, new TokenBucket(2, 3), clock);
        businessLimiter.admit("biz_1");
        clock.advance(Duration.ofSeconds(1));
        otherInstance.admit("biz_1");
        clock.advance(Duration.ofSeconds(1));
        int calls = store.calls;

        businessLimiter.admit("biz_1");

        assertEquals(calls + 1, store.calls, "the bucket it remembers and the one stored are both full: no failed write");
        assertEquals(Optional.of(clock.instant().plusMillis(500)), store.stored("biz_1"));
    }

    @Test
    void ofTwoRequestsForAFullBucketOnOtherInstancesBothGetATokenAndTheBucketCountsBoth() {
        RateLimiter otherInstance = new RateLimiter(store, CredentialKind.BUSINESS, new TokenBucket(2, 3), clock);
        // Between this request's decision and its write, another instance takes a token.
        store.beforeNextReplace = () -> otherInstance.admit("biz_1");

        businessLimiter.admit("biz_1");

        assertEquals(Optional.of(clock.instant().plusMillis(1_000)), store.stored("biz_1"),
                "the bucket is no longer full when this write arrives: it fails and the retry counts both tokens");
    }

    @Test
    void ofTwoRequestsForTheLastTokenOnlyOneGetsIt() {
        businessLimiter.admit("biz_1");
        businessLimiter.admit("biz_1");
        // Between this request's decision and its write, another request takes the last token.
        store.beforeNextReplace = () -> businessLimiter.admit("biz_1");

        assertThrows(RateLimitedException.class, () -> businessLimiter.admit("biz_1"));
        assertEquals(Optional.of(clock.instant().plusMillis(1_500)), store.stored("biz_1"), "three tokens taken, no more");
    }

    @Test
    void aBucketTooContendedToWriteRefusesForOneSecond() {
        store.alwaysConflict = true;

        RateLimitedException refused = assertThrows(RateLimitedException.class,
                () -> businessLimiter.admit("biz_1"));

        assertEquals(1, refused.retryAfterSeconds());
        assertEquals(RateLimiter.MAX_ATTEMPTS, store.calls);
    }

    @Test
    void theMemoryIsBoundedAndForgetsTheLeastRecentlyUsed() {
        businessLimiter.admit("biz_first");
        businessLimiter.admit("biz_kept");
        for (int i = 0; i < RateLimiter.MAX_REMEMBERED - 2; i++) {
            businessLimiter.admit("biz_" + i);
        }
        businessLimiter.admit("biz_kept");
        businessLimiter.admit("biz_one_too_many");

        int calls = store.calls;
        businessLimiter.admit("biz_kept");
        assertEquals(calls + 1, store.calls, "recently used: remembered");
        businessLimiter.admit("biz_first");
        assertEquals(calls + 3, store.calls, "forgotten: a failed write first");
    }

    /**
     * Compare-and-set on a map, as the DynamoDB adapter's conditional write, which tells what is
     * stored when it fails.
     */
    private static final class InMemoryStore implements RateLimitStore {
        private final Map<String, Instant> buckets = new HashMap<>();
        private Runnable beforeNextReplace;
        private boolean alwaysConflict;
        private int calls;
        private int writes;

        Optional<Instant> stored(String principalId) {
            return Optional.ofNullable(buckets.get(principalId));
        }

        /** What DynamoDB's ttl does to a bucket that is full again. */
        void expire(String principalId) {
            buckets.remove(principalId);
        }

        @Override
        public Replacement replace(String principalId, Optional<Instant> expected, Instant fullAt) {
            calls++;
            concurrentRequestFirst();
            if (alwaysConflict || !Objects.equals(buckets.get(principalId), expected.orElse(null))) {
                return Replacement.storedInstead(stored(principalId));
            }
            buckets.put(principalId, fullAt);
            writes++;
            return Replacement.replaced(fullAt);
        }

        @Override
        public Replacement replaceIfFull(String principalId, Instant now, Instant fullAt) {
            calls++;
            concurrentRequestFirst();
            Instant stored = buckets.get(principalId);
            if (alwaysConflict || stored != null && stored.isAfter(now)) {
                return Replacement.storedInstead(stored(principalId));
            }
            buckets.put(principalId, fullAt);
            writes++;
            return Replacement.replaced(fullAt);
        }

        private void concurrentRequestFirst() {
            if (beforeNextReplace != null) {
                Runnable concurrentRequest = beforeNextReplace;
                beforeNextReplace = null;
                concurrentRequest.run();
            }
        }
    }
}
