package dev.microjobs.notifier;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microjobs.aws.sqs.EventMessage;
import dev.microjobs.aws.sqs.SqsBatch;
import dev.microjobs.core.events.RetrySchedule;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Delivers the events of a batch at once (each waits on a business's server), and retries with
 * the queue itself rather than a sleeping function: a failed delivery hides its message for the
 * schedule's delay (ChangeMessageVisibility on the received message, at most 12 hours per call)
 * and is reported as a batch item failure, so it comes back when the next attempt is due. When the
 * schedule gives up, the message goes to the events dead-letter queue for an operator to inspect
 * or redrive.
 */
@Singleton
public class NotifierConsumer {
    private final WebhookDelivery delivery;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;
    private final Clock clock;
    private final ExecutorService workers = Executors.newFixedThreadPool(SqsBatch.MAX_BATCH_SIZE, runnable -> {
        Thread thread = new Thread(runnable, "webhook");
        thread.setDaemon(true);
        return thread;
    });

    public NotifierConsumer(WebhookDelivery delivery, SqsClient sqs,
                            @Value("${microjobs.events.queue-url}") String queueUrl,
                            @Value("${microjobs.events.dead-letter-queue-url}") String deadLetterQueueUrl, Clock clock) {
        this.delivery = delivery;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.clock = clock;
    }

    public SQSBatchResponse consume(SQSEvent event) {
        return SqsBatch.processConcurrently(event, workers, message -> {
            WebhookDelivery.Outcome outcome = delivery.deliver(EventMessage.read(message.getBody()));
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
