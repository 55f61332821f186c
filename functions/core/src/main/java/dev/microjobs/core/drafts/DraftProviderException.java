package dev.microjobs.core.drafts;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider could not draft. The message is the reason recorded on the task's
 * {@code Draft.none}, so it says what happened in words a business can read.
 */
public class DraftProviderException extends RuntimeException {

    private final boolean retryable;
    private final Duration retryAfter;

    protected DraftProviderException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** Worth trying again: rate limits (429), server errors (5xx), timeouts, dropped connections. */
    public static DraftProviderException retryable(String message, Throwable cause) {
        return new DraftProviderException(message, true, null, cause);
    }

    /** Worth trying again, but not before {@code retryAfter}, as the provider asked (Retry-After). */
    public static DraftProviderException retryableAfter(String message, Duration retryAfter) {
        return new DraftProviderException(message, true, retryAfter, null);
    }

    /** Trying again gives the same answer: a 4xx, a malformed response, missing configuration. */
    public static DraftProviderException permanent(String message, Throwable cause) {
        return new DraftProviderException(message, false, null, cause);
    }

    public static DraftProviderException permanent(String message) {
        return permanent(message, null);
    }

    public boolean retryable() {
        return retryable;
    }

    /** The wait the provider asked for before the next attempt, if it asked for one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
