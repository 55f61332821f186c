package dev.microjobs.drafts.providers;

import java.util.Optional;

/** The Standard Webhooks signing secret ({@code whsec_<base64>}) of a business, if it has one. */
@FunctionalInterface
public interface WebhookSecrets {

    Optional<String> secretFor(String businessId);
}
