package dev.microjobs.notifier;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microjobs.aws.sqs.EventMessage;
import dev.microjobs.aws.sqs.SqsBatch;
import dev.microjobs.core.events.DeliveryBatch;
import dev.microjobs.core.events.DeliveryBatches;
import dev.microjobs.core.events.EventRef;
import dev.microjobs.core.events.RetrySchedule;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Delivers the events of a batch at once (each waits on a business's server), once the events and
 * their destinations are read for the whole batch with two requests and the events with nowhere
 * to go are marked so with one more, and retries with the queue
 * itself rather than a sleeping function: a failed delivery hides its message for the
 * schedule's delay (ChangeMessageVisibility on the received message, at most 12 hours per call)
 * and is reported as a batch item failure, so it comes back when the next attempt is due. When the
 * schedule gives up, the message goes to the events dead-letter queue for an operator to inspect
 * or redrive.
 */
@Singleton
public class NotifierConsumer {
    private final DeliveryBatches batches;
    private final WebhookDelivery delivery;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;
    private final Clock clock;
    private final ExecutorService workers = SqsBatch.newWorkers("webhook");

    public NotifierConsumer(DeliveryBatches batches, WebhookDelivery delivery, SqsClient sqs,
                            @Value("${microjobs.events.queue-url}") String queueUrl,
                            @Value("${microjobs.events.dead-letter-queue-url}") String deadLetterQueueUrl, Clock clock) {
        this.batches = batches;
        this.delivery = delivery;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.clock = clock;
    }

    /**
     * A failure to read the batch's events fails the invocation, so every message of the batch
     * comes back; a message that is not an event message fails on its own, as any delivery may,
     * and so does the message of an event with nowhere to go whose mark was not written.
     */
    public SQSBatchResponse consume(SQSEvent event) {
        DeliveryBatch batch = batches.settleUndeliverable(batches.readReferenced(eventRefs(event)));
        return SqsBatch.processConcurrently(event, workers, message -> {
            WebhookDelivery.Outcome outcome = delivery.deliver(EventMessage.read(message.getBody()).eventId(), batch);
            if (outcome instanceof WebhookDelivery.RetryAt retry) {
                int seconds = visibilitySeconds(Duration.between(clock.instant(), retry.at()));
                sqs.changeMessageVisibility(v -> v.queueUrl(queueUrl).receiptHandle(message.getReceiptHandle())
                        .visibilityTimeout(seconds));
                throw new RetryLater(seconds);
            }
            if (outcome instanceof WebhookDelivery.GaveUp) {
                sqs.sendMessage(m -> m.queueUrl(deadLetterQueueUrl).messageBody(message.getBody()));
            }
        });
    }

    private static List<EventRef> eventRefs(SQSEvent event) {
        List<EventRef> ids = new ArrayList<>();
        if (event.getRecords() != null) {
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                try {
                    ids.add(EventMessage.read(message.getBody()));
                } catch (IllegalArgumentException notAnEventMessage) {
                    // It fails on its own when its turn comes, and is not read.
                }
            }
        }
        return ids;
    }

    static int visibilitySeconds(Duration wait) {
        long seconds = Math.max(0, wait.toSeconds());
        return (int) Math.min(seconds, RetrySchedule.MAX_DELAY.toSeconds());
    }

    /** Leaves the message on the queue, hidden until its next attempt is due. */
    static final class RetryLater extends RuntimeException {
        RetryLater(int seconds) {
            super("webhook delivery failed; next attempt in " + seconds + " s", null, false, false);
        }
    }
}
