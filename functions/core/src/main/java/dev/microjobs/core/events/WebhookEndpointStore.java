package dev.microjobs.core.events;

import java.net.URI;
import java.time.Instant;

/**
 * Each business's webhook URL and signing secrets. The secrets are kept as they are (not hashed):
 * the notifier needs them to sign.
 */
public interface WebhookEndpointStore {

    WebhookEndpoint endpoint(String businessId);

    void setUrl(String businessId, URI url);

    /** Makes {@code newSecret} current; the current one (if any) keeps signing until {@code previousValidUntil}. */
    void rotateSecret(String businessId, String newSecret, Instant previousValidUntil);
}
