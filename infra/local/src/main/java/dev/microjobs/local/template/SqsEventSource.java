package dev.microjobs.local.template;

/**
 * An {@code SQS} event: Lambda polls {@code queueLogicalId} and calls the function with batches of
 * up to {@code batchSize} messages, waiting at most {@code maximumBatchingWindowSeconds} to fill one.
 *
 * @param reportBatchItemFailures {@code FunctionResponseTypes} contains {@code ReportBatchItemFailures}
 * @param maximumConcurrency      {@code ScalingConfig.MaximumConcurrency}, or 0 when not set
 */
public record SqsEventSource(
        String eventName,
        String location,
        String queueLogicalId,
        int batchSize,
        int maximumBatchingWindowSeconds,
        boolean reportBatchItemFailures,
        boolean enabled,
        int maximumConcurrency) implements FunctionEvent {

    public static final int DEFAULT_BATCH_SIZE = 10;
    /** Lambda starts polling a busy queue with five concurrent batches (and scales up from there). */
    public static final int LAMBDA_STARTING_BATCHES = 5;

    /** Batches the local stack runs at once: Lambda's starting five, or fewer when MaximumConcurrency says so. */
    public int concurrentBatches() {
        return maximumConcurrency > 0 ? Math.min(maximumConcurrency, LAMBDA_STARTING_BATCHES) : LAMBDA_STARTING_BATCHES;
    }

    /** The same source, waiting at most {@code seconds} to fill a batch. */
    public SqsEventSource withBatchingWindowOfAtMost(int seconds) {
        return new SqsEventSource(eventName, location, queueLogicalId, batchSize,
                Math.min(maximumBatchingWindowSeconds, seconds), reportBatchItemFailures, enabled, maximumConcurrency);
    }
}
