package dev.microjobs.aws.sqs;

import dev.microjobs.core.events.Event;
import dev.microjobs.core.events.EventPublisher;
import dev.microjobs.core.events.EventStore;
import dev.microjobs.core.events.EventType;
import dev.microjobs.core.events.WebhookDestinations;
import dev.microjobs.core.events.WebhookEndpointStore;
import dev.microjobs.core.ports.Metrics;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stores each event, then queues it for the notifier on the events queue
 * ({@code EVENTS_QUEUE_URL}), ten per SendMessageBatch call, and counts it as a metric
 * ({@code TasksDrafted}, {@code TasksApproved}, ...).
 *
 * <p>An event that no webhook would receive (neither its job nor its business has a URL, read
 * together in one request first) is stored as NO_DESTINATION and not queued: the feed has it,
 * and the notifier would only have read it and its destinations again to mark it so, a write, a
 * message and an invocation for nothing. Should that read fail, every event is queued and the
 * notifier decides, as it does for all events whose destination is removed after they are queued.
 *
 * <p>Stored first, so an event that cannot be queued is still in the business's feed and its
 * job's event log (as PENDING, never attempted). A failure is logged and counted
 * ({@code EventPublishFailures}), not thrown: see {@link EventPublisher}.
 */
@Singleton
public class SqsEventPublisher implements EventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(SqsEventPublisher.class);

    private final EventStore store;
    private final WebhookEndpointStore endpoints;
    private final SqsBatchSender sender;
    private final String queueUrl;
    private final Metrics metrics;

    public SqsEventPublisher(EventStore store, WebhookEndpointStore endpoints, SqsBatchSender sender,
                             @Value("${microjobs.events.queue-url}") String queueUrl, Metrics metrics) {
        this.store = store;
        this.endpoints = endpoints;
        this.sender = sender;
        this.queueUrl = queueUrl;
        this.metrics = metrics;
    }

    @Override
    public void publish(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        Set<String> nowhereToGo = withoutDestination(events);
        try {
            store.save(events, nowhereToGo);
            List<String> messages = events.stream().filter(event -> !nowhereToGo.contains(event.id()))
                    .map(EventMessage::write).toList();
            if (!messages.isEmpty()) {
                sender.sendAll(queueUrl, messages);
            }
        } catch (RuntimeException e) {
            metrics.count("EventPublishFailures", events.size());
            LOG.error("could not publish events {}: {}", events.stream().map(Event::id).toList(), e.toString());
            return;
        }
        for (Event event : events) {
            LOG.info("event {} {} published (job {}, task {}){}", event.id(), event.type().wireName(), event.jobId(),
                    event.taskId(), nowhereToGo.contains(event.id()) ? " with no webhook URL to go to (the feed has it)" : "");
        }
        events.stream().map(Event::type).distinct().forEach(type ->
                metrics.count(metricName(type), events.stream().filter(event -> event.type() == type).count()));
    }

    private Set<String> withoutDestination(List<Event> events) {
        Set<String> jobIds = events.stream().map(Event::jobId).collect(Collectors.toSet());
        Set<String> businessIds = events.stream().map(Event::businessId).collect(Collectors.toSet());
        try {
            WebhookDestinations destinations = endpoints.destinations(jobIds, businessIds);
            return events.stream().filter(destinations::nowhereFor).map(Event::id).collect(Collectors.toSet());
        } catch (RuntimeException e) {
            LOG.warn("could not read where events {} go; all are queued and the notifier decides: {}",
                    events.stream().map(Event::id).toList(), e.toString());
            return Set.of();
        }
    }

    static String metricName(EventType type) {
        return switch (type) {
            case TASK_DRAFTED -> "TasksDrafted";
            case TASK_CLAIMED -> "TasksClaimed";
            case TASK_SUBMITTED -> "TasksSubmitted";
            case TASK_APPROVED -> "TasksApproved";
            case TASK_REJECTED -> "TasksRejected";
            case TASK_PAID -> "TasksPaid";
            case TASK_EXPIRED -> "TasksExpired";
            case JOB_COMPLETED -> "JobsCompleted";
        };
    }
}
