package dev.microjobs.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * BatchWriteItem and BatchGetItem until nothing is left unprocessed: DynamoDB may hand back part
 * of a batch under load, and dropping it would lose tasks.
 */
final class Batches {
    private static final int MAX_ATTEMPTS = 8;
    /** The most keys one BatchGetItem may carry. */
    private static final int MAX_KEYS_PER_GET = 100;

    private Batches() {
    }

    static void writeAll(DynamoDbClient dynamo, String table, List<WriteRequest> writes) {
        Map<String, List<WriteRequest>> pending = Map.of(table, writes);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new IllegalStateException(pending.get(table).size() + " writes still unprocessed after "
                        + MAX_ATTEMPTS + " attempts");
            }
            if (attempt > 1) {
                Backoff.sleep(attempt);
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    /** The items of {@code keys} that exist, read consistently, each key once, in as few requests as the limit allows. */
    static List<Map<String, AttributeValue>> getAllConsistently(DynamoDbClient dynamo, String table,
                                                                Collection<Map<String, AttributeValue>> keys) {
        return getAllConsistently(dynamo, table, keys, chunk -> KeysAndAttributes.builder().keys(chunk).consistentRead(true).build());
    }

    /** Which of {@code keys} have an item, read consistently, as {@link #getAllConsistently} reads them but keys only. */
    static Set<Map<String, AttributeValue>> existingKeys(DynamoDbClient dynamo, String table,
                                                       Collection<Map<String, AttributeValue>> keys) {
        return getAllConsistently(dynamo, table, keys, chunk -> KeysAndAttributes.builder().keys(chunk).consistentRead(true)
                .projectionExpression(Item.PK + ", " + Item.SK).build())
                .stream().map(Batches::tableKey).collect(Collectors.toSet());
    }

    private static List<Map<String, AttributeValue>> getAllConsistently(
            DynamoDbClient dynamo, String table, Collection<Map<String, AttributeValue>> keys,
            Function<List<Map<String, AttributeValue>>, KeysAndAttributes> request) {
        List<Map<String, AttributeValue>> distinct = keys.stream().distinct().toList();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MAX_KEYS_PER_GET) {
            items.addAll(getAll(dynamo, table, request.apply(distinct.subList(from, Math.min(distinct.size(), from + MAX_KEYS_PER_GET)))));
        }
        return items;
    }

    /**
     * The items behind entries of a keys-only index page, read consistently, in the page's order;
     * an item deleted since the index was read is left out.
     */
    static List<Map<String, AttributeValue>> getInOrder(DynamoDbClient dynamo, String table,
                                                        List<Map<String, AttributeValue>> indexEntries) {
        List<Map<String, AttributeValue>> keys = indexEntries.stream().map(Batches::tableKey).toList();
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> byKey = new HashMap<>();
        getAllConsistently(dynamo, table, keys).forEach(item -> byKey.put(tableKey(item), item));
        return keys.stream().map(byKey::get).filter(Objects::nonNull).toList();
    }

    /** The items behind every entry of an index query, all its pages, as {@link #getInOrder} reads them. */
    static List<Map<String, AttributeValue>> queryItems(DynamoDbClient dynamo, String table, QueryRequest indexQuery) {
        return getInOrder(dynamo, table, dynamo.queryPaginator(indexQuery).items().stream().toList());
    }

    private static Map<String, AttributeValue> tableKey(Map<String, AttributeValue> item) {
        return Map.of(Item.PK, item.get(Item.PK), Item.SK, item.get(Item.SK));
    }

    private static List<Map<String, AttributeValue>> getAll(DynamoDbClient dynamo, String table, KeysAndAttributes keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, KeysAndAttributes> pending = Map.of(table, keys);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new IllegalStateException("reads still unprocessed after " + MAX_ATTEMPTS + " attempts");
            }
            if (attempt > 1) {
                Backoff.sleep(attempt);
            }
            Map<String, KeysAndAttributes> request = pending;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(request));
            items.addAll(response.responses().getOrDefault(table, List.of()));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return items;
    }
}
