package dev.microjobs.core.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.domain.Id;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.InvalidIdException;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.jobs.BusinessJobs;
import dev.microjobs.core.validation.ValidationException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What a business reads about its events: the pull feed, and each job's events with their delivery log. */
@Singleton
public class BusinessEvents {
    /**
     * The feed leaves out events younger than this. Ids order by their millisecond, but an event
     * is written a moment after its id is made, by any of several functions: without the wait, a
     * reader could move its cursor past an id that is only about to be written, and never see it.
     */
    public static final Duration FEED_SETTLE_TIME = Duration.ofSeconds(2);

    private final EventStore store;
    private final BusinessJobs businessJobs;
    private final Clock clock;

    public BusinessEvents(EventStore store, BusinessJobs businessJobs, Clock clock) {
        this.store = store;
        this.businessJobs = businessJobs;
        this.clock = clock;
    }

    /**
     * {@code {"items": [payload...], "nextCursor": "evt_..."}}: the business's events after the
     * cursor (an event id), oldest first. {@code nextCursor} is where to continue, even when the
     * page is empty, so a poller always has a cursor to come back with.
     */
    public ObjectNode feed(String businessId, Optional<String> after, int limit) {
        after.ifPresent(cursor -> {
            try {
                Id.parse(IdType.EVENT, cursor);
            } catch (InvalidIdException e) {
                throw ValidationException.of("after", "must be an event id (evt_...) from this feed");
            }
        });
        List<Event> events = store.feed(businessId, after, limit, clock.instant().minus(FEED_SETTLE_TIME));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode items = body.putArray("items");
        events.forEach(event -> items.add(event.payload()));
        Optional<String> next = events.isEmpty() ? after : Optional.of(events.get(events.size() - 1).id());
        next.ifPresentOrElse(cursor -> body.put("nextCursor", cursor), () -> body.putNull("nextCursor"));
        body.put("hasMore", events.size() == limit);
        return body;
    }

    /** {@code {"items": [payload + "delivery": {"status", "attempts": [...]}]}}, oldest first. */
    public ObjectNode ofJob(String businessId, String jobId) {
        Job job = businessJobs.job(businessId, jobId);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode items = body.putArray("items");
        for (StoredEvent stored : store.ofJob(job.id())) {
            ObjectNode view = stored.event().payload();
            ObjectNode delivery = view.putObject("delivery").put("status", stored.status().name());
            ArrayNode attempts = delivery.putArray("attempts");
            stored.attempts().forEach(attempt -> attempts.add(attemptView(attempt)));
            items.add(view);
        }
        return body;
    }

    static ObjectNode attemptView(DeliveryAttempt attempt) {
        ObjectNode view = JsonNodeFactory.instance.objectNode()
                .put("number", attempt.number())
                .put("at", attempt.at().toString());
        if (attempt.statusCode() == null) {
            view.putNull("statusCode");
        } else {
            view.put("statusCode", attempt.statusCode());
        }
        view.put("succeeded", attempt.succeeded());
        if (attempt.error() != null) {
            view.put("error", attempt.error());
        }
        if (attempt.nextRetryAt() == null) {
            view.putNull("nextRetryAt");
        } else {
            view.put("nextRetryAt", attempt.nextRetryAt().toString());
        }
        return view;
    }
}
