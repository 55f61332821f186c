package dev.microjobs.review;

import dev.microjobs.aws.RateLimiters;
import dev.microjobs.core.accounts.CredentialKind;
import dev.microjobs.core.ports.RateLimitStore;
import dev.microjobs.core.ratelimits.RateLimiter;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Wires the worker API's configuration into the core use cases. */
@Factory
public class ReviewBeans {

    /** Named: the local stack runs every function in one JVM, where the business API's limiter is a bean too. */
    @Singleton
    @Named("worker")
    RateLimiter workerRateLimiter(WorkerRateLimit limit, RateLimitStore store, Clock clock) {
        return RateLimiters.configured(CredentialKind.WORKER, limit.perSecond(), limit.burst(), "RATE_LIMIT_WORKER",
                store, clock);
    }
}
