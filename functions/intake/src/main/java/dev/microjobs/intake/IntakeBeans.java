package dev.microjobs.intake;

import dev.microjobs.aws.sqs.SqsBatchSender;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.jobs.IntakePolicy;
import dev.microjobs.core.ports.DraftQueue;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

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
}
