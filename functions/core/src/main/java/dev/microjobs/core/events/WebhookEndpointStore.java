package dev.microjobs.core.events;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

/**
 * Each business's webhook URL and signing secrets. The secrets are kept as they are (not hashed):
 * the notifier needs them to sign.
 */
public interface WebhookEndpointStore {

    WebhookEndpoint endpoint(String businessId);

    /**
     * The callbackUrls of these jobs and the webhook settings of these businesses, read
     * consistently and together: one request for a batch of deliveries.
     */
    WebhookDestinations destinations(Set<String> jobIds, Set<String> businessIds);

    void setUrl(String businessId, URI url);

    /** Makes {@code newSecret} current; the current one (if any) keeps signing until {@code previousValidUntil}. */
    void rotateSecret(String businessId, String newSecret, Instant previousValidUntil);
}
