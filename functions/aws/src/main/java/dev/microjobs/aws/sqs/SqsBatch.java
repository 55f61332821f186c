package dev.microjobs.aws.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Partial batch failures for SQS event sources with {@code ReportBatchItemFailures}: each
 * message is handled on its own, and only the ones that failed are reported, so the queue
 * redelivers those after the visibility timeout and deletes the rest.
 */
public final class SqsBatch {
    /** Lambda's largest batch for a standard queue without a batching window is 10; with one, 10,000. */
    public static final int MAX_BATCH_SIZE = 10;
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);

    private SqsBatch() {
    }

    /** Handles the messages at once on {@code executor}, each on its own, and waits for all of them. */
    public static SQSBatchResponse processConcurrently(SQSEvent event, ExecutorService executor,
                                                       Consumer<SQSEvent.SQSMessage> handler) {
        List<SQSEvent.SQSMessage> records = records(event);
        List<CompletableFuture<Boolean>> outcomes = records.stream()
                .map(message -> inThisInvocation(() -> handle(message, handler), executor))
                .toList();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (!outcomes.get(i).join()) {
                failures.add(new SQSBatchResponse.BatchItemFailure(records.get(i).getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /**
     * The same, for messages that each ask for the work of a key (as "pay this worker"), which
     * covers every message of that key received so far: each distinct key is worked once, the
     * keys at once on {@code executor}, and the messages of a key share its outcome. A message
     * whose key cannot be read fails alone.
     */
    public static <K> SQSBatchResponse processOncePerKey(SQSEvent event, ExecutorService executor,
                                                         Function<SQSEvent.SQSMessage, K> keyOf, Consumer<K> work) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Map<K, List<SQSEvent.SQSMessage>> byKey = new LinkedHashMap<>();
        for (SQSEvent.SQSMessage message : records(event)) {
            if (!handle(message, read -> byKey.computeIfAbsent(keyOf.apply(read), key -> new ArrayList<>()).add(read))) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        Map<K, CompletableFuture<Boolean>> outcomes = new LinkedHashMap<>();
        // The key's first message stands for all of them in the logs.
        byKey.forEach((key, messages) -> outcomes.put(key,
                inThisInvocation(() -> handle(messages.get(0), first -> work.accept(key)), executor)));
        byKey.forEach((key, messages) -> {
            if (!outcomes.get(key).join()) {
                messages.forEach(message -> failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId())));
            }
        });
        return new SQSBatchResponse(failures);
    }

    /** Runs on {@code executor}, whose threads log for this invocation (request id, function) while they work on it. */
    private static <T> CompletableFuture<T> inThisInvocation(Supplier<T> work, ExecutorService executor) {
        Map<String, String> invocation = MDC.getCopyOfContextMap();
        return CompletableFuture.supplyAsync(() -> {
            MDC.setContextMap(invocation == null ? Map.of() : invocation);
            try {
                return work.get();
            } finally {
                MDC.clear();
            }
        }, executor);
    }

    /** A thread for each message of the largest batch. */
    public static ExecutorService newWorkers(String threadName) {
        return daemonPool(MAX_BATCH_SIZE, threadName);
    }

    /** Daemon threads, which never keep the runtime's JVM from exiting. */
    public static ExecutorService daemonPool(int threads, String threadName) {
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    private static boolean handle(SQSEvent.SQSMessage message, Consumer<SQSEvent.SQSMessage> handler) {
        // Each message's log lines carry its id; whatever the handler adds (jobId, taskId) ends with the message.
        Map<String, String> before = MDC.getCopyOfContextMap();
        MDC.put("messageId", message.getMessageId());
        try {
            handler.accept(message);
            return true;
        } catch (RuntimeException e) {
            // The body may hold a business's data, so only the id and the failure are logged.
            LOG.warn("Message {} failed (receive count {}): {}", message.getMessageId(),
                    message.getAttributes() == null ? "?" : message.getAttributes().get("ApproximateReceiveCount"),
                    e.toString());
            return false;
        } finally {
            MDC.setContextMap(before == null ? Map.of() : before);
        }
    }

    private static List<SQSEvent.SQSMessage> records(SQSEvent event) {
        return event.getRecords() == null ? List.of() : event.getRecords();
    }
}
