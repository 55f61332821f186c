package dev.microjobs.core.events;

import java.net.URI;
import java.util.Map;

/**
 * Where the events of some jobs go: each job's callbackUrl, else its business's webhook URL,
 * signed with that business's secrets. Read together for a batch of deliveries, so the batch
 * costs one read however many events share its jobs and businesses.
 *
 * @param callbackUrls by job id: only the jobs that have one
 * @param endpoints by business id: a business that never set a URL or a secret is absent
 */
public record WebhookDestinations(Map<String, URI> callbackUrls, Map<String, WebhookEndpoint> endpoints) {

    public static final WebhookDestinations NONE = new WebhookDestinations(Map.of(), Map.of());

    public WebhookDestinations {
        callbackUrls = Map.copyOf(callbackUrls);
        endpoints = Map.copyOf(endpoints);
    }

    /** The job's callbackUrl, else the account's webhook URL; null when neither is set. */
    public URI url(Event event) {
        URI callbackUrl = callbackUrls.get(event.jobId());
        return callbackUrl != null ? callbackUrl : endpoint(event.businessId()).url();
    }

    /** Neither the event's job nor its business has a URL: the event is settled NO_DESTINATION, by its publisher or the notifier. */
    public boolean nowhereFor(Event event) {
        return url(event) == null;
    }

    public WebhookEndpoint endpoint(String businessId) {
        return endpoints.getOrDefault(businessId, WebhookEndpoint.NONE);
    }
}
