package dev.microjobs.drafts.providers;

import dev.microjobs.core.events.WebhookEndpointStore;
import jakarta.inject.Singleton;

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

    @Override
    public Optional<String> secretFor(String businessId) {
        return Optional.ofNullable(endpoints.endpoint(businessId).secret());
    }
}
