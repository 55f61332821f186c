package dev.microjobs.core.review;

import dev.microjobs.core.domain.Money;

import java.time.Instant;

/** One payout to a worker, as the worker's earnings view lists it. */
/** @param problem why the last attempt failed, while it is being retried; null otherwise */
public record WorkerPayout(String payoutId, Money amount, String status, String problem, Instant createdAt) {
}
