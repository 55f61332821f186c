package dev.microjobs.core.events;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Events and webhook settings in memory, as the DynamoDB adapter keeps them side by side, with
 * the jobs' callbackUrls it reads beside them; counts the batch reads and status marks a delivery
 * batch makes.
 */
final class FakeEventStore implements EventStore, WebhookEndpointStore {
    private final Map<String, StoredEvent> events = new HashMap<>();
    private final Map<String, WebhookEndpoint> endpoints = new HashMap<>();
    private final Map<String, URI> callbackUrls = new HashMap<>();
    private final Set<String> completedJobs = new HashSet<>();
    final List<Collection<String>> eventReads = new ArrayList<>();
    final List<Set<String>> jobReads = new ArrayList<>();
    final List<Set<String>> businessReads = new ArrayList<>();
    /** The events of each read that took them with their destinations in one request. */
    final List<Set<String>> combinedReads = new ArrayList<>();
    /** The events of each {@link #markIfPending} request. */
    final List<Set<String>> markRequests = new ArrayList<>();
    /** Marks the store does not write, as DynamoDB may throttle single statements of a batch: by event id, why. */
    final Map<String, String> refusedMarks = new HashMap<>();
    /** When set, a mark request fails as a whole with it, as an unanswered request does. */
    RuntimeException markFailure;

    void callbackUrl(String jobId, URI url) {
        callbackUrls.put(jobId, url);
    }

    @Override
    public void save(List<Event> saved, Set<String> nowhereToGo) {
        saved.forEach(event -> events.put(event.id(), new StoredEvent(event,
                nowhereToGo.contains(event.id()) ? DeliveryStatus.NO_DESTINATION : DeliveryStatus.PENDING, List.of())));
    }

    @Override
    public List<StoredEvent> findAll(Collection<String> eventIds) {
        eventReads.add(eventIds);
        return eventIds.stream().map(events::get).filter(stored -> stored != null).toList();
    }

    @Override
    public List<Event> feed(String businessId, Optional<String> afterEventId, int limit, Instant settledBefore) {
        return events.values().stream().map(StoredEvent::event)
                .filter(event -> event.businessId().equals(businessId))
                .filter(event -> afterEventId.map(after -> event.id().compareTo(after) > 0).orElse(true))
                .sorted(Comparator.comparing(Event::id))
                .limit(limit)
                .takeWhile(event -> event.occurredAt().isBefore(settledBefore))
                .toList();
    }

    @Override
    public List<StoredEvent> ofJob(String jobId) {
        return events.values().stream().filter(stored -> stored.event().jobId().equals(jobId))
                .sorted(Comparator.comparing(stored -> stored.event().id())).toList();
    }

    @Override
    public void recordAttempt(String eventId, DeliveryAttempt attempt, DeliveryStatus status) {
        StoredEvent stored = events.get(eventId);
        List<DeliveryAttempt> attempts = new ArrayList<>(stored.attempts());
        attempts.add(attempt);
        events.put(eventId, new StoredEvent(stored.event(), status, attempts));
    }

    @Override
    public Map<String, String> markIfPending(Collection<String> eventIds, DeliveryStatus status) {
        markRequests.add(Set.copyOf(eventIds));
        if (markFailure != null) {
            throw markFailure;
        }
        Map<String, String> unwritten = new HashMap<>();
        for (String eventId : eventIds) {
            StoredEvent stored = events.get(eventId);
            if (refusedMarks.containsKey(eventId)) {
                unwritten.put(eventId, refusedMarks.get(eventId));
            } else if (stored != null && stored.status() == DeliveryStatus.PENDING) {
                events.put(eventId, new StoredEvent(stored.event(), status, stored.attempts()));
            }
        }
        return unwritten;
    }

    StoredEvent stored(String eventId) {
        return events.get(eventId);
    }

    /** The event expires: its item is gone. */
    void expire(String eventId) {
        events.remove(eventId);
    }

    /** Whether {@link #firstCompletion} recorded the job, as the job store would read the marker. */
    boolean completionRecorded(String jobId) {
        return completedJobs.contains(jobId);
    }

    @Override
    public boolean firstCompletion(String jobId) {
        return completedJobs.add(jobId);
    }

    @Override
    public WebhookEndpoint endpoint(String businessId) {
        return endpoints.getOrDefault(businessId, WebhookEndpoint.NONE);
    }

    @Override
    public DeliveryBatch readWithDestinations(Set<String> eventIds, Set<String> jobIds, Set<String> businessIds) {
        combinedReads.add(eventIds);
        Map<String, StoredEvent> found = new HashMap<>();
        eventIds.stream().map(events::get).filter(stored -> stored != null)
                .forEach(stored -> found.put(stored.event().id(), stored));
        return new DeliveryBatch(found, destinationsOf(jobIds, businessIds));
    }

    @Override
    public WebhookDestinations destinations(Set<String> jobIds, Set<String> businessIds) {
        jobReads.add(jobIds);
        businessReads.add(businessIds);
        return destinationsOf(jobIds, businessIds);
    }

    private WebhookDestinations destinationsOf(Set<String> jobIds, Set<String> businessIds) {
        Map<String, URI> urls = new HashMap<>(callbackUrls);
        urls.keySet().retainAll(jobIds);
        Map<String, WebhookEndpoint> settings = new HashMap<>(endpoints);
        settings.keySet().retainAll(businessIds);
        return new WebhookDestinations(urls, settings);
    }

    @Override
    public void setUrl(String businessId, URI url) {
        WebhookEndpoint current = endpoint(businessId);
        endpoints.put(businessId, new WebhookEndpoint(url, current.secret(), current.previousSecret(),
                current.previousSecretValidUntil()));
    }

    @Override
    public void rotateSecret(String businessId, String newSecret, Instant previousValidUntil) {
        WebhookEndpoint current = endpoint(businessId);
        endpoints.put(businessId, new WebhookEndpoint(current.url(), newSecret, current.secret(), previousValidUntil));
    }
}
