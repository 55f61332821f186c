package dev.microjobs.aws;

import dev.microjobs.core.accounts.CredentialKind;
import dev.microjobs.core.ports.RateLimitStore;
import dev.microjobs.core.ratelimits.RateLimiter;
import dev.microjobs.core.ratelimits.TokenBucket;

import java.time.Clock;

/** The HTTP functions' rate limiters, from the limits their environment sets. */
public final class RateLimiters {

    private RateLimiters() {
    }

    /**
     * @param variablePrefix the limits' environment variables without {@code _PER_SECOND} and
     *                       {@code _BURST}, to name them when a value is no limit (0 does not
     *                       switch limiting off: the function refuses to start)
     */
    public static RateLimiter configured(CredentialKind kind, int perSecond, int burst, String variablePrefix,
                                         RateLimitStore store, Clock clock) {
        TokenBucket bucket;
        try {
            bucket = new TokenBucket(perSecond, burst);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variablePrefix + "_PER_SECOND=" + perSecond + ", " + variablePrefix + "_BURST=" + burst
                    + ": " + e.getMessage(), e);
        }
        return new RateLimiter(store, kind, bucket, clock);
    }
}
