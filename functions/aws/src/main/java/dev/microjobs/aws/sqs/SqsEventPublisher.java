package dev.microjobs.aws.sqs;

import dev.microjobs.core.events.Event;
import dev.microjobs.core.events.EventPublisher;
import dev.microjobs.core.events.EventStore;
import dev.microjobs.core.events.EventType;
import dev.microjobs.core.ports.Metrics;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Stores each event, then queues it for the notifier on the events queue
 * ({@code EVENTS_QUEUE_URL}), ten per SendMessageBatch call, and counts it as a metric
 * ({@code TasksDrafted}, {@code TasksApproved}, ...).
 *
 * <p>Stored first, so an event that cannot be queued is still in the business's feed and its
 * job's event log (as PENDING, never attempted). A failure is logged and counted
 * ({@code EventPublishFailures}), not thrown: see {@link EventPublisher}.
 */
@Singleton
public class SqsEventPublisher implements EventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(SqsEventPublisher.class);

    private final EventStore store;
    private final SqsBatchSender sender;
    private final String queueUrl;
    private final Metrics metrics;

    public SqsEventPublisher(EventStore store, SqsBatchSender sender,
                             @Value("${microjobs.events.queue-url}") String queueUrl, Metrics metrics) {
        this.store = store;
        this.sender = sender;
        this.queueUrl = queueUrl;
        this.metrics = metrics;
    }

    @Override
    public void publish(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            store.save(events);
            sender.sendAll(queueUrl, events.stream().map(EventMessage::write).toList());
        } catch (RuntimeException e) {
            metrics.count("EventPublishFailures", events.size());
            LOG.error("could not publish events {}: {}", events.stream().map(Event::id).toList(), e.toString());
            return;
        }
        for (Event event : events) {
            LOG.info("event {} {} published (job {}, task {})", event.id(), event.type().wireName(), event.jobId(),
                    event.taskId());
        }
        events.stream().map(Event::type).distinct().forEach(type ->
                metrics.count(metricName(type), events.stream().filter(event -> event.type() == type).count()));
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
