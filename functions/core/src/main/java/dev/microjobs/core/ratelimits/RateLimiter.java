package dev.microjobs.core.ratelimits;

import dev.microjobs.core.accounts.CredentialKind;
import dev.microjobs.core.errors.RateLimitedException;
import dev.microjobs.core.ports.RateLimitStore;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Admits an authenticated request of a business or a worker, or refuses it with the seconds to
 * wait. Each business and each worker has its own bucket, so one tenant's burst never slows
 * another.
 *
 * <p>The bucket is read and written back only if it still holds what was read: of two
 * concurrent requests for the last token, one write wins and the other request reads again and
 * is refused. A refused request writes nothing, so a client hammering past its limit costs one
 * read per request.
 */
public class RateLimiter {
    /**
     * Rounds of read and conditional write before giving up. Every round one of the requests
     * racing for a bucket wins; losing this many times in a row means more requests at the same
     * moment than a client should send, and the answer is a refusal of one second.
     */
    static final int MAX_ATTEMPTS = 10;

    private final RateLimitStore store;
    private final Map<CredentialKind, TokenBucket> buckets;
    private final Clock clock;

    public RateLimiter(RateLimitStore store, TokenBucket businessBucket, TokenBucket workerBucket, Clock clock) {
        this.store = store;
        this.buckets = Map.of(CredentialKind.BUSINESS, businessBucket, CredentialKind.WORKER, workerBucket);
        this.clock = clock;
    }

    /**
     * Takes a token from the bucket of {@code principalId} (a business or worker id).
     *
     * @throws RateLimitedException when the bucket is empty
     */
    public void admit(CredentialKind kind, String principalId) {
        TokenBucket bucket = buckets.get(kind);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Instant> stored = store.fullAt(principalId);
            TokenBucket.Take take = bucket.take(stored, clock.instant());
            if (take instanceof TokenBucket.Refused refused) {
                throw new RateLimitedException(limitReached(kind, bucket, refused.retryAfterSeconds()),
                        refused.retryAfterSeconds());
            }
            if (store.replace(principalId, stored, ((TokenBucket.Granted) take).fullAt())) {
                return;
            }
        }
        throw new RateLimitedException("Too many requests at the same moment for this " + owner(kind)
                + "; retry after 1 s.", 1);
    }

    private static String limitReached(CredentialKind kind, TokenBucket bucket, long retryAfterSeconds) {
        return "The rate limit of this " + owner(kind) + " is " + bucket.perSecond()
                + (bucket.perSecond() == 1 ? " request" : " requests") + " a second, in bursts of up to " + bucket.burst()
                + "; retry after " + retryAfterSeconds + " s.";
    }

    private static String owner(CredentialKind kind) {
        return kind == CredentialKind.BUSINESS ? "business" : "worker";
    }
}
