package dev.microjobs.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.local.aws.LocalQueue;
import dev.microjobs.local.lambda.LocalFunction;
import dev.microjobs.local.template.SqsEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's event source mapping for one {@code SQS} event: polls the queue, gathers a batch of up to
 * {@code BatchSize} messages for at most {@code MaximumBatchingWindowInSeconds}, calls the function,
 * and deletes the messages that succeeded. Failed messages are left alone: they reappear after the
 * queue's visibility timeout, and ElasticMQ moves them to the dead-letter queue after {@code maxReceiveCount}.
 * Like Lambda, it runs several batches at once ({@link SqsEventSource#concurrentBatches()}), each
 * gathered and processed by its own thread, so one slow batch does not hold the queue up.
 */
public final class SqsEventSourcePoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSourcePoller.class);
    /** SQS returns at most 10 messages per receive and deletes at most 10 per batch call. */
    private static final int SQS_MAX_MESSAGES = 10;
    /** Short long-polls, so that stopping the stack never waits long for an open receive. */
    private static final int POLL_WAIT_SECONDS = 1;

    private final SqsClient sqs;
    private final LocalFunction function;
    private final SqsEventSource source;
    private final LocalQueue queue;
    private final String region;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public SqsEventSourcePoller(SqsClient sqs, LocalFunction function, SqsEventSource source, LocalQueue queue, String region) {
        this.sqs = sqs;
        this.function = function;
        this.source = source;
        this.queue = queue;
        this.region = region;
        for (int i = 0; i < source.concurrentBatches(); i++) {
            threads.add(new Thread(this::pollUntilStopped, "sqs-" + function.name() + "-" + source.eventName() + "-" + i));
        }
    }

    public void start() {
        threads.forEach(Thread::start);
    }

    /** Asks the poller to stop after its current receives or batches; see {@link #close()} to wait for them. */
    public void stop() {
        running = false;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void pollUntilStopped() {
        while (running) {
            try {
                List<Message> batch = gatherBatch();
                if (!batch.isEmpty()) {
                    process(batch);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("Polling {} for {} failed, retrying: {}", queue.name(), function.name(), e.toString());
                    pause(1000);
                }
            }
        }
    }

    private List<Message> gatherBatch() {
        List<Message> batch = new ArrayList<>(receive(source.batchSize(), POLL_WAIT_SECONDS));
        long deadline = System.currentTimeMillis() + source.maximumBatchingWindowSeconds() * 1000L;
        while (running && !batch.isEmpty() && batch.size() < source.batchSize()) {
            long remaining = deadline - System.currentTimeMillis();
            if (remaining <= 0) {
                break;
            }
            int waitSeconds = (int) Math.min(POLL_WAIT_SECONDS, remaining / 1000);
            List<Message> more = receive(source.batchSize() - batch.size(), waitSeconds);
            batch.addAll(more);
            if (more.isEmpty() && waitSeconds == 0) {
                pause(Math.min(100, remaining));
            }
        }
        return batch;
    }

    private List<Message> receive(int wanted, int waitSeconds) {
        return sqs.receiveMessage(request -> request
                .queueUrl(queue.url())
                .maxNumberOfMessages(Math.min(wanted, SQS_MAX_MESSAGES))
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All"))
                .messages();
    }

    private void process(List<Message> batch) {
        Set<String> ids = batch.stream().map(Message::messageId).collect(Collectors.toSet());
        Set<String> failed;
        try {
            JsonNode response = function.invoke(SqsEvents.of(batch, queue, region));
            failed = source.reportBatchItemFailures() ? BatchItemFailures.read(response, ids) : Set.of();
        } catch (BatchItemFailures.InvalidResponseException e) {
            LOG.warn("{} returned an invalid batch response for {} messages from {}, the whole batch will be retried: {}",
                    function.name(), batch.size(), queue.name(), e.getMessage());
            return;
        } catch (Exception e) {
            LOG.warn("{} failed a batch of {} messages from {}; they will be retried", function.name(), batch.size(), queue.name(), e);
            return;
        }
        if (!failed.isEmpty()) {
            LOG.info("{} reported {} of {} messages from {} as failed", function.name(), failed.size(), batch.size(), queue.name());
        }
        delete(batch.stream().filter(message -> !failed.contains(message.messageId())).toList());
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += SQS_MAX_MESSAGES) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + SQS_MAX_MESSAGES));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(String.valueOf(i)).receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            var result = sqs.deleteMessageBatch(request -> request.queueUrl(queue.url()).entries(entries));
            result.failed().forEach(failure ->
                    LOG.warn("Could not delete a message from {}: {}", queue.name(), failure.message()));
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
