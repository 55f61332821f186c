package dev.microjobs.intake;

import dev.microjobs.aws.RateLimiters;
import dev.microjobs.aws.sqs.SqsBatchSender;
import dev.microjobs.core.accounts.CredentialKind;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.jobs.IntakePolicy;
import dev.microjobs.core.ports.DraftQueue;
import dev.microjobs.core.ports.RateLimitStore;
import dev.microjobs.core.ratelimits.RateLimiter;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Wires intake's configuration into the core use cases. */
@Factory
public class IntakeBeans {

    @Singleton
    IntakePolicy intakePolicy(IntakeConfiguration configuration) {
        DraftProviderName provider = DraftProviderName.fromWireName(configuration.getDefaultDraftProvider())
                .orElseThrow(() -> new IllegalStateException("DEFAULT_DRAFT_PROVIDER is not a provider: "
                        + configuration.getDefaultDraftProvider()));
        return new IntakePolicy(configuration.getPlatformFeeBps(), provider);
    }

    @Singleton
    DraftQueue draftQueue(IntakeConfiguration configuration, SqsBatchSender sender) {
        return new SqsDraftQueue(configuration.getDraftsQueueUrl(), sender);
    }

    /** Named: the local stack runs every function in one JVM, where the worker API's limiter is a bean too. */
    @Singleton
    @Named("business")
    RateLimiter businessRateLimiter(BusinessRateLimit limit, RateLimitStore store, Clock clock) {
        return RateLimiters.configured(CredentialKind.BUSINESS, limit.perSecond(), limit.burst(), "RATE_LIMIT_BUSINESS",
                store, clock);
    }
}
