package dev.microjobs.review;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Each worker's rate limit on the worker API: {@code RATE_LIMIT_WORKER_PER_SECOND} requests a
 * second, in bursts of up to {@code RATE_LIMIT_WORKER_BURST}.
 */
@ConfigurationProperties("microjobs.rate-limits.worker")
public record WorkerRateLimit(int perSecond, int burst) {
}
