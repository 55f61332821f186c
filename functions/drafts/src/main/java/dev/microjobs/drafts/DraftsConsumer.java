package dev.microjobs.drafts;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microjobs.aws.sqs.DraftMessage;
import dev.microjobs.aws.sqs.SqsBatch;
import dev.microjobs.core.drafts.DraftTasks;
import dev.microjobs.core.ports.DraftQueue.DraftRequest;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * Drafts every input of every message of a batch at once (AI calls take seconds each; a batch
 * has up to ten messages of up to {@link DraftMessage#MAX_INPUTS} inputs), reporting only the
 * failed messages: a message fails when one of its inputs does, and on redelivery only its tasks
 * still DRAFTING are drafted again. The batch reads its jobs and tasks once and publishes its
 * events once (see {@link DraftTasks.Batch}). Messages from the dead-letter queue are drafting
 * requests that kept failing: their tasks still DRAFTING become READY without a draft instead.
 */
@Singleton
public class DraftsConsumer {
    private final DraftTasks draftTasks;
    private final String deadLetterQueueArn;
    private final ExecutorService workers = SqsBatch.newWorkers("draft");
    /** Apart from the messages' threads, which wait for their inputs here. */
    private final ExecutorService inputWorkers = SqsBatch.daemonPool(SqsBatch.MAX_BATCH_SIZE * DraftMessage.MAX_INPUTS, "draft-input");

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
                .flatMap(body -> body.requests().stream()).toList(), workers);
        SQSBatchResponse response = SqsBatch.processConcurrently(event, workers, message -> {
            List<DraftRequest> requests = bodies.get(message.getMessageId()).requestsOrThrow();
            if (deadLetterQueueArn.equals(message.getEventSourceArn())) {
                requests.forEach(request -> batch.giveUp(request,
                        "Drafting failed on every attempt; the task is ready without an AI draft"));
            } else {
                draftAll(batch, requests);
            }
        });
        batch.publishDrafted();
        return response;
    }

    /** Drafts the inputs of one message at once and waits for all of them; throws the first failure. */
    private void draftAll(DraftTasks.Batch batch, List<DraftRequest> requests) {
        if (requests.size() == 1) {
            batch.draft(requests.get(0));
            return;
        }
        Map<String, String> message = MDC.getCopyOfContextMap();
        List<CompletableFuture<Void>> drafts = requests.stream()
                .map(request -> CompletableFuture.runAsync(() -> {
                    MDC.setContextMap(message == null ? Map.of() : message);
                    try {
                        batch.draft(request);
                    } finally {
                        MDC.clear();
                    }
                }, inputWorkers))
                .toList();
        joinAll(drafts);
    }

    /**
     * Waits for every draft, then throws the first failure with the others suppressed in it. Drafts
     * whose spend was written together share one failure, so the same exception can come back more
     * than once: it is thrown once, not suppressed in itself (which would throw in its place).
     */
    static void joinAll(List<CompletableFuture<Void>> drafts) {
        RuntimeException failure = null;
        for (CompletableFuture<Void> draft : drafts) {
            try {
                draft.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (failure == null) {
                    failure = cause;
                } else if (cause != failure) {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A message body read once: its requests, or why it is not a draft message (which fails that message alone). */
    private record Body(List<DraftRequest> requests, RuntimeException unreadable) {
        static Body read(String body) {
            try {
                return new Body(DraftMessage.read(body), null);
            } catch (RuntimeException e) {
                return new Body(List.of(), e);
            }
        }

        List<DraftRequest> requestsOrThrow() {
            if (unreadable != null) {
                throw unreadable;
            }
            return requests;
        }
    }
}
