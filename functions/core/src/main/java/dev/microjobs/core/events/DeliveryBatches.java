package dev.microjobs.core.events;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads what the deliveries of a batch of events need with one request, however many events the
 * batch holds, when the messages name each event's job and business: the stored events (status
 * and delivery log) with their distinct jobs' callbackUrls and businesses' webhook settings; else
 * with two, the events first, then the destinations of the pending ones.
 * One event at a time took three reads each, a third of all the table's traffic. Then settles
 * the events that have nowhere to go with one more request for all of them, where each took its
 * own write.
 */
@Singleton
public class DeliveryBatches {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryBatches.class);

    private final EventStore store;
    private final WebhookEndpointStore endpoints;

    public DeliveryBatches(EventStore store, WebhookEndpointStore endpoints) {
        this.store = store;
        this.endpoints = endpoints;
    }

    /**
     * The same, in one request when every message names its event's job and business: the
     * events and the destinations they may have are read together, whether or not the events
     * are still pending.
     */
    public DeliveryBatch readReferenced(Collection<EventRef> refs) {
        if (refs.isEmpty() || !refs.stream().allMatch(EventRef::namesItsDestinations)) {
            return read(refs.stream().map(EventRef::eventId).toList());
        }
        return store.readWithDestinations(
                refs.stream().map(EventRef::eventId).collect(Collectors.toSet()),
                refs.stream().map(EventRef::jobId).collect(Collectors.toSet()),
                refs.stream().map(EventRef::businessId).collect(Collectors.toSet()));
    }

    public DeliveryBatch read(Collection<String> eventIds) {
        Set<String> distinct = Set.copyOf(eventIds);
        Map<String, StoredEvent> events = distinct.isEmpty() ? Map.of()
                : store.findAll(distinct).stream().collect(Collectors.toMap(s -> s.event().id(), Function.identity()));
        // Delivered, failed or undeliverable events are done: nothing of theirs needs reading.
        List<Event> pending = events.values().stream()
                .filter(stored -> stored.status() == DeliveryStatus.PENDING)
                .map(StoredEvent::event)
                .toList();
        if (pending.isEmpty()) {
            return new DeliveryBatch(events, WebhookDestinations.NONE);
        }
        Set<String> jobIds = new HashSet<>();
        Set<String> businessIds = new HashSet<>();
        pending.forEach(event -> {
            jobIds.add(event.jobId());
            businessIds.add(event.businessId());
        });
        return new DeliveryBatch(events, endpoints.destinations(jobIds, businessIds));
    }

    /**
     * Marks the batch's {@link DeliveryBatch#undeliverable() undeliverable} events NO_DESTINATION
     * together, each only if it is still stored and pending: an event that expired, or that a
     * duplicate message settled meanwhile, is left as it is and needs nothing more. A mark that
     * was not written (throttled, refused, or the request failed) leaves its event unsettled in the
     * returned batch, so that its messages fail and come back to try again.
     */
    public DeliveryBatch settleUndeliverable(DeliveryBatch batch) {
        Set<String> undeliverable = batch.undeliverable();
        if (undeliverable.isEmpty()) {
            return batch;
        }
        Map<String, String> unmarked;
        try {
            unmarked = store.markIfPending(undeliverable, DeliveryStatus.NO_DESTINATION);
        } catch (RuntimeException e) {
            // Some marks may have been written before the failure; writing them again is refused by their condition, harmlessly.
            unmarked = new HashMap<>();
            for (String eventId : undeliverable) {
                unmarked.put(eventId, e.toString());
            }
        }
        unmarked.forEach((eventId, why) -> LOG.warn("event {} has nowhere to go, but its NO_DESTINATION mark was not written: {}",
                eventId, why));
        Set<String> settled = new HashSet<>(undeliverable);
        settled.removeAll(unmarked.keySet());
        return batch.withSettledUndeliverable(settled);
    }
}
