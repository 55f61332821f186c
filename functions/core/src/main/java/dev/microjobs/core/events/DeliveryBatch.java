package dev.microjobs.core.events;

import java.util.Map;
import java.util.Optional;

/**
 * The stored events of a batch of queue messages and where each pending one goes, read once for
 * the whole batch by {@link DeliveryBatches}.
 *
 * @param events by event id: an id whose event is no longer stored (expired) is absent
 */
public record DeliveryBatch(Map<String, StoredEvent> events, WebhookDestinations destinations) {

    public DeliveryBatch {
        events = Map.copyOf(events);
    }

    public Optional<StoredEvent> event(String eventId) {
        return Optional.ofNullable(events.get(eventId));
    }
}
