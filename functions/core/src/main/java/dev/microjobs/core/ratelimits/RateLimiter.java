package dev.microjobs.core.ratelimits;

import dev.microjobs.core.RecentlyUsed;
import dev.microjobs.core.accounts.CredentialKind;
import dev.microjobs.core.errors.RateLimitedException;
import dev.microjobs.core.ports.RateLimitStore;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Admits an authenticated request of a business (or of a worker: one limiter per kind of
 * caller, each with its own limits), or refuses it with the seconds to wait. Every business and
 * every worker has its own bucket, so one tenant's burst never slows another.
 *
 * <p>The bucket is written back only if it still holds what the limiter based its decision on:
 * of two concurrent requests for the last token, one write wins and the other is refused.
 *
 * <p>The limiter (one per function instance) remembers the bucket of each principal as it last
 * read or wrote it, and decides from that instead of reading the store first: on DynamoDB Local,
 * CPU-bound, the store's requests set the throughput of the whole stack, and with the read an
 * admitted request cost two of them. Deciding from memory is safe because a stored bucket only
 * moves forward: taking a token sets it one interval after the later of itself and now, and the
 * store's expiry removes it only once it has passed, when the bucket is full and an absent item
 * means the same. So the stored bucket is never earlier than the remembered one, and a later
 * bucket holds fewer tokens:
 * <ul>
 *   <li>A grant from memory is only a guess, checked by the conditional write: when another
 *   instance wrote meanwhile, the failed write answers with the stored bucket, and the retry
 *   decides from that. An instance that keeps serving a principal pays one write per request.
 *   <li>A bucket remembered full (or not remembered) is written on condition that the stored one
 *   is full, not that it is the one remembered: every full bucket takes a token the same way, so
 *   a principal under its limit whose requests other instances served meanwhile costs one write,
 *   not a failed one first. Two such writes at once cannot both pass: the first leaves the bucket
 *   short of a token until one refill interval later.
 *   <li>A refusal from memory is always right, so it costs no request at all: a client
 *   hammering past its limit costs its instance nothing but this map. Its Retry-After is exact
 *   when this instance wrote last; otherwise it may be too short, never too long, and the
 *   request after the wait learns the stored bucket from its failed write and answers from it.
 * </ul>
 * The memory is bounded ({@link #MAX_REMEMBERED}, least recently used out), however many
 * principals an instance sees: a principal forgotten costs at most one failed write the next
 * time, nothing more.
 */
public class RateLimiter {
    /**
     * Rounds of conditional write before giving up. Every round one of the requests racing for a
     * bucket wins; losing this many times in a row means more requests at the same moment than a
     * client should send, and the answer is a refusal of one second.
     */
    static final int MAX_ATTEMPTS = 10;
    /** Principals remembered per instance: far more than a function instance serves at once. */
    static final int MAX_REMEMBERED = 10_000;

    private final RateLimitStore store;
    private final CredentialKind kind;
    private final TokenBucket bucket;
    private final Clock clock;
    /** Principals with a bucket stored, as last seen; a principal not here is taken to have none. */
    private final Map<String, Instant> remembered = RecentlyUsed.map(MAX_REMEMBERED);

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
        Optional<Instant> known = Optional.ofNullable(remembered.get(principalId));
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            TokenBucket.Take take = bucket.take(known, now);
            if (take instanceof TokenBucket.Refused refused) {
                throw new RateLimitedException(limitReached(refused.retryAfterSeconds()),
                        refused.retryAfterSeconds());
            }
            Instant fullAt = ((TokenBucket.Granted) take).fullAt();
            boolean rememberedFull = known.filter(now::isBefore).isEmpty();
            // After a failed write, the bucket it answered with is the one to expect exactly: a
            // store comparing at a coarser grain may have failed a bucket only just full.
            RateLimitStore.Replacement replacement = attempt == 0 && rememberedFull
                    ? store.replaceIfFull(principalId, now, fullAt)
                    : store.replace(principalId, known, fullAt);
            remember(principalId, replacement.stored());
            if (replacement.replaced()) {
                return;
            }
            known = replacement.stored();
        }
        throw new RateLimitedException("Too many requests at the same moment for this " + owner()
                + "; retry after 1 s.", 1);
    }

    private void remember(String principalId, Optional<Instant> stored) {
        // Concurrent requests of this instance may learn the bucket out of order; as it only
        // moves forward, the later instant is the newer one.
        stored.ifPresentOrElse(
                fullAt -> remembered.merge(principalId, fullAt, (old, learned) -> learned.isAfter(old) ? learned : old),
                () -> remembered.remove(principalId));
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
