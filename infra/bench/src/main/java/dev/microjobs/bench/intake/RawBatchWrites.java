package dev.microjobs.bench.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The intake baseline: the fastest a client could store tasks in this DynamoDB, with nothing but
 * BatchWriteItem (25 items per request, the API's maximum). The items are copies of a task item
 * intake stored (same attributes and sizes), under fresh keys.
 */
final class RawBatchWrites {

    private static final int BATCH = 25;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Map<String, AttributeValue> template;

    RawBatchWrites(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.template = storedTaskItem();
    }

    /** Size of the task item as DynamoDB counts it: attribute names plus values (UTF-8). */
    int itemBytes() {
        int bytes = 0;
        for (Map.Entry<String, AttributeValue> attribute : template.entrySet()) {
            bytes += attribute.getKey().length();
            AttributeValue value = attribute.getValue();
            if (value.s() != null) {
                bytes += value.s().getBytes(StandardCharsets.UTF_8).length;
            } else if (value.n() != null) {
                bytes += value.n().length();
            } else if (value.hasSs()) {
                bytes += value.ss().stream().mapToInt(String::length).sum();
            } else {
                bytes += 1;
            }
        }
        return bytes;
    }

    double tasksPerSecond(int threads, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            List<Future<Long>> writers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                writers.add(pool.submit(() -> writeUntil(end)));
            }
            long written = 0;
            for (Future<Long> writer : writers) {
                written += writer.get();
            }
            return written / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private long writeUntil(long endNanos) {
        long written = 0;
        String partition = "JOB#baseline-" + UUID.randomUUID() + "#TASKS";
        while (System.nanoTime() < endNanos) {
            List<WriteRequest> writes = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                Map<String, AttributeValue> item = new HashMap<>(template);
                String id = "task_baseline" + UUID.randomUUID();
                item.put("pk", AttributeValue.fromS("TASK#" + id));
                item.put("gsi1pk", AttributeValue.fromS(partition));
                item.put("gsi1sk", AttributeValue.fromS("DRAFTING#" + id));
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(table, writes);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() && !response.unprocessedItems().isEmpty()
                        ? response.unprocessedItems() : Map.of();
            }
            written += BATCH;
        }
        return written;
    }

    /** A task item intake wrote during the intake runs (any will do: they share one shape). */
    private Map<String, AttributeValue> storedTaskItem() {
        return dynamo.scanPaginator(s -> s.tableName(table).filterExpression("#type = :task")
                        .expressionAttributeNames(Map.of("#type", "type"))
                        .expressionAttributeValues(Map.of(":task", AttributeValue.fromS("TASK"))))
                .items().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no task item to copy: intake stored none"));
    }
}
