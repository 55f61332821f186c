package dev.microjobs.core.events;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Stored events: the business's feed, each job's events with their delivery log. */
public interface EventStore {

    /**
     * Stores new events with no attempts yet: {@link DeliveryStatus#PENDING}, but
     * {@link DeliveryStatus#NO_DESTINATION} for those whose id is in {@code nowhereToGo}.
     */
    void save(List<Event> events, Set<String> nowhereToGo);

    /**
     * The stored events among {@code eventIds}, read consistently and together (one request for a
     * batch of deliveries); an id whose event is no longer stored (expired) is left out.
     */
    List<StoredEvent> findAll(Collection<String> eventIds);

    /** The events found with the callback URLs of these jobs and the webhook settings of these businesses, in one read. */
    DeliveryBatch readWithDestinations(Set<String> eventIds, Set<String> jobIds, Set<String> businessIds);

    /**
     * The business's events after {@code afterEventId} (all of them when empty), oldest first,
     * at most {@code limit}, leaving out events younger than {@code settledBefore}: see
     * {@link BusinessEvents#FEED_SETTLE_TIME}.
     */
    List<Event> feed(String businessId, Optional<String> afterEventId, int limit, Instant settledBefore);

    /** A job's events with their delivery logs, oldest first. */
    List<StoredEvent> ofJob(String jobId);

    /** Appends an attempt to the event's delivery log and sets its status. */
    void recordAttempt(String eventId, DeliveryAttempt attempt, DeliveryStatus status);

    /**
     * Sets {@code status}, without an attempt, on those of the events that are still stored and
     * {@link DeliveryStatus#PENDING}, together (DynamoDB: one request per 25 events); an event
     * expired or settled meanwhile is left as it is, which is no failure.
     *
     * @return the events whose update was not made (throttled, refused): by event id, why. Their
     *         status is as before, so they need trying again.
     */
    Map<String, String> markIfPending(Collection<String> eventIds, DeliveryStatus status);

    /** True the first time it is called for the job, false ever after: job.completed is published once. */
    boolean firstCompletion(String jobId);
}
