package dev.microjobs.core.ports;

import dev.microjobs.core.jobs.IdempotencyRecord;

import java.time.Instant;
import java.util.Optional;

/** Idempotency keys of job submissions, per business. */
public interface IdempotencyStore {
    Optional<IdempotencyRecord> find(String businessId, String key);

    /** Records the response to replay; the record expires {@code keepUntil}. */
    void complete(String businessId, String key, IdempotencyRecord.StoredResponse response, Instant keepUntil);

    /**
     * Takes over a record whose holder crashed: succeeds only if it is still in progress and its
     * lock expired, so two retries never resume the same job at once.
     */
    boolean relock(String businessId, String key, Instant expiredLock, Instant newLock);
}
