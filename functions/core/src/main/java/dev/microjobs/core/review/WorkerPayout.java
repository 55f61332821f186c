package dev.microjobs.core.review;

import dev.microjobs.core.domain.Money;

import java.time.Instant;

/** One payout to a worker, as the worker's earnings view lists it. */
public record WorkerPayout(String payoutId, Money amount, String status, Instant createdAt) {
}
