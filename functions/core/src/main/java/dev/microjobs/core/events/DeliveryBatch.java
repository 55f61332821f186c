package dev.microjobs.core.events;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The stored events of a batch of queue messages and where each pending one goes, read once for
 * the whole batch by {@link DeliveryBatches}, which then marks the ones with nowhere to go.
 *
 * @param events     by event id: an id whose event is no longer stored (expired) is absent
 * @param settledUndeliverable the {@link #undeliverable()} events that need nothing more: their
 *                   NO_DESTINATION mark is written, or they had stopped being pending meanwhile;
 *                   an undeliverable event not in it is not settled yet
 */
public record DeliveryBatch(Map<String, StoredEvent> events, WebhookDestinations destinations,
                            Set<String> settledUndeliverable) {

    public DeliveryBatch {
        events = Map.copyOf(events);
        settledUndeliverable = Set.copyOf(settledUndeliverable);
    }

    /** As read: no undeliverable event settled yet. */
    public DeliveryBatch(Map<String, StoredEvent> events, WebhookDestinations destinations) {
        this(events, destinations, Set.of());
    }

    public Optional<StoredEvent> event(String eventId) {
        return Optional.ofNullable(events.get(eventId));
    }

    /** The pending events with nowhere to go: neither their job's callbackUrl nor their account's webhook URL. */
    public Set<String> undeliverable() {
        return events.values().stream()
                .filter(stored -> stored.status() == DeliveryStatus.PENDING && destinations.nowhereFor(stored.event()))
                .map(stored -> stored.event().id())
                .collect(Collectors.toSet());
    }

    /** Whether the event, one of {@link #undeliverable()}, needs nothing more: see {@link #settledUndeliverable()}. */
    public boolean isSettledUndeliverable(String eventId) {
        return settledUndeliverable.contains(eventId);
    }

    DeliveryBatch withSettledUndeliverable(Set<String> eventIds) {
        return new DeliveryBatch(events, destinations, eventIds);
    }
}
