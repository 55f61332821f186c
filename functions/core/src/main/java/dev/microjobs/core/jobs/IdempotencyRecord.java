package dev.microjobs.core.jobs;

import java.time.Instant;
import java.util.Optional;

/**
 * What is kept of a request sent with an {@code Idempotency-Key}: the hash of its body, the job
 * it created, and once it finished, the response to replay. Kept at least 24 hours.
 *
 * @param lockedUntil while in progress, when another attempt may take over (the first one crashed)
 */
public record IdempotencyRecord(
        String businessId,
        String key,
        String requestHash,
        String jobId,
        Optional<StoredResponse> response,
        Instant lockedUntil) {

    /** The first response, replayed as is to every retry. */
    public record StoredResponse(int status, String body) {
    }

    public boolean isComplete() {
        return response.isPresent();
    }
}
