package dev.microjobs.local.template;

/**
 * An {@code SQS} event: Lambda polls {@code queueLogicalId} and calls the function with batches of
 * up to {@code batchSize} messages, waiting at most {@code maximumBatchingWindowSeconds} to fill one.
 *
 * @param reportBatchItemFailures {@code FunctionResponseTypes} contains {@code ReportBatchItemFailures}
 */
public record SqsEventSource(
        String eventName,
        String location,
        String queueLogicalId,
        int batchSize,
        int maximumBatchingWindowSeconds,
        boolean reportBatchItemFailures,
        boolean enabled) implements FunctionEvent {

    public static final int DEFAULT_BATCH_SIZE = 10;
}
