package dev.microjobs.intake;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Each business's rate limit on the business API: {@code RATE_LIMIT_BUSINESS_PER_SECOND}
 * requests a second, in bursts of up to {@code RATE_LIMIT_BUSINESS_BURST}.
 */
@ConfigurationProperties("microjobs.rate-limits.business")
public record BusinessRateLimit(int perSecond, int burst) {
}
