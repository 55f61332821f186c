package dev.microjobs.drafts;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microjobs.aws.sqs.DraftMessage;
import dev.microjobs.aws.sqs.SqsBatch;
import dev.microjobs.core.drafts.DraftTasks;
import dev.microjobs.core.ports.DraftQueue.DraftRequest;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Drafts every message of a batch at once (AI calls take seconds each, and a batch has up to
 * ten), reporting only the failed ones. The batch reads its jobs and tasks once and publishes
 * its events once (see {@link DraftTasks.Batch}). Messages from the dead-letter queue are
 * drafting requests that kept failing: their tasks become READY without a draft instead.
 */
@Singleton
public class DraftsConsumer {
    private final DraftTasks draftTasks;
    private final String deadLetterQueueArn;
    private final ExecutorService workers = Executors.newFixedThreadPool(SqsBatch.MAX_BATCH_SIZE, runnable -> {
        Thread thread = new Thread(runnable, "draft");
        thread.setDaemon(true);
        return thread;
    });

    public DraftsConsumer(DraftTasks draftTasks, @Value("${microjobs.drafts.dead-letter-queue-arn}") String deadLetterQueueArn) {
        this.draftTasks = draftTasks;
        this.deadLetterQueueArn = deadLetterQueueArn;
    }

    /**
     * @throws RuntimeException when the batch's jobs and tasks cannot be read: the invocation fails
     *                          and every message comes back, as each would have failed its own read
     */
    public SQSBatchResponse consume(SQSEvent event) {
        Map<String, Body> bodies = new HashMap<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        records.forEach(message -> bodies.put(message.getMessageId(), Body.read(message.getBody())));
        DraftTasks.Batch batch = draftTasks.batch(bodies.values().stream()
                .filter(body -> body.request() != null).map(Body::request).toList());
        SQSBatchResponse response = SqsBatch.processConcurrently(event, workers, message -> {
            DraftRequest request = bodies.get(message.getMessageId()).requestOrThrow();
            if (deadLetterQueueArn.equals(message.getEventSourceArn())) {
                batch.giveUp(request, "Drafting failed on every attempt; the task is ready without an AI draft");
            } else {
                batch.draft(request);
            }
        });
        batch.publishDrafted();
        return response;
    }

    /** A message body read once: the request, or why it is not one (which fails that message alone). */
    private record Body(DraftRequest request, RuntimeException unreadable) {
        static Body read(String body) {
            try {
                return new Body(DraftMessage.read(body), null);
            } catch (RuntimeException e) {
                return new Body(null, e);
            }
        }

        DraftRequest requestOrThrow() {
            if (unreadable != null) {
                throw unreadable;
            }
            return request;
        }
    }
}
