package dev.microjobs.drafts.providers;

import dev.microjobs.core.drafts.DraftProviderException;
import dev.microjobs.core.events.WebhookEndpointStore;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Optional;

/**
 * A business's current webhook signing secret ({@code POST /v1/account/webhook-secret}): the
 * same secret signs its event webhooks and its draft requests, so it verifies both one way.
 */
@Singleton
public class BusinessWebhookSecrets implements WebhookSecrets {
    private final WebhookEndpointStore endpoints;

    public BusinessWebhookSecrets(WebhookEndpointStore endpoints) {
        this.endpoints = endpoints;
    }

    /** @throws DraftProviderException (retryable) when the secret cannot be read right now */
    @Override
    public Optional<String> secretFor(String businessId) {
        try {
            return Optional.ofNullable(endpoints.endpoint(businessId).secret());
        } catch (SdkException e) {
            throw DraftProviderException.retryable("cannot read the business's webhook signing secret: " + e.getMessage(), e);
        }
    }
}
