package dev.microjobs.core.errors;

/** A business or worker sent more requests than its rate limit allows; nothing was done. */
public class RateLimitedException extends RuntimeException {
    private final long retryAfterSeconds;

    public RateLimitedException(String detail, long retryAfterSeconds) {
        super(detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds, at least 1, after which a retry finds a token (when no other request takes it first). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
