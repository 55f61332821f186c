package dev.microjobs.core.ratelimits;

import dev.microjobs.core.accounts.CredentialKind;
import dev.microjobs.core.errors.RateLimitedException;
import dev.microjobs.core.ports.RateLimitStore;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Admits an authenticated request of a business (or of a worker: one limiter per kind of
 * caller, each with its own limits), or refuses it with the seconds to wait. Every business and
 * every worker has its own bucket, so one tenant's burst never slows another.
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
    private final CredentialKind kind;
    private final TokenBucket bucket;
    private final Clock clock;

    public RateLimiter(RateLimitStore store, CredentialKind kind, TokenBucket bucket, Clock clock) {
        this.store = store;
        this.kind = kind;
        this.bucket = bucket;
        this.clock = clock;
    }

    /**
     * Takes a token from the bucket of {@code principalId}, the business or worker id
     * authentication resolved.
     *
     * @throws RateLimitedException when the bucket is empty
     */
    public void admit(String principalId) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Instant> stored = store.fullAt(principalId);
            TokenBucket.Take take = bucket.take(stored, clock.instant());
            if (take instanceof TokenBucket.Refused refused) {
                throw new RateLimitedException(limitReached(refused.retryAfterSeconds()),
                        refused.retryAfterSeconds());
            }
            if (store.replace(principalId, stored, ((TokenBucket.Granted) take).fullAt())) {
                return;
            }
        }
        throw new RateLimitedException("Too many requests at the same moment for this " + owner()
                + "; retry after 1 s.", 1);
    }

    private String limitReached(long retryAfterSeconds) {
        return "The rate limit of this " + owner() + " is " + bucket.perSecond()
                + (bucket.perSecond() == 1 ? " request" : " requests") + " a second, in bursts of up to " + bucket.burst()
                + "; retry after " + retryAfterSeconds + " s.";
    }

    private String owner() {
        return kind == CredentialKind.BUSINESS ? "business" : "worker";
    }
}
