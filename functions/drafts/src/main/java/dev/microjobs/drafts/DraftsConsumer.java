package dev.microjobs.drafts;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microjobs.aws.sqs.DraftMessage;
import dev.microjobs.aws.sqs.SqsBatch;
import dev.microjobs.core.drafts.DraftTasks;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Drafts every message of a batch at once (AI calls take seconds each, and a batch has up to
 * ten), reporting only the failed ones. Messages from the dead-letter queue are drafting
 * requests that kept failing: their tasks become READY without a draft instead.
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

    public SQSBatchResponse consume(SQSEvent event) {
        return SqsBatch.processConcurrently(event, workers, message -> {
            var request = DraftMessage.read(message.getBody());
            if (deadLetterQueueArn.equals(message.getEventSourceArn())) {
                draftTasks.giveUp(request, "Drafting failed on every attempt; the task is ready without an AI draft");
            } else {
                draftTasks.draft(request);
            }
        });
    }
}
