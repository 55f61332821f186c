package dev.microjobs.aws.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.events.DeliveryAttempt;
import dev.microjobs.core.events.DeliveryBatch;
import dev.microjobs.core.events.DeliveryStatus;
import dev.microjobs.core.events.Event;
import dev.microjobs.core.events.EventStore;
import dev.microjobs.core.events.EventType;
import dev.microjobs.core.events.StoredEvent;
import dev.microjobs.core.events.WebhookDestinations;
import dev.microjobs.core.events.WebhookEndpoint;
import dev.microjobs.core.events.WebhookEndpointStore;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementError;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementErrorCodeEnum;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Events ({@code EVENT#<id>}/{@code EVENT}), listed per business on {@code gsi1}
 * ({@code BUSINESS#<id>#EVENTS}, event id: the feed, in time order) and per job on {@code gsi2}
 * ({@code JOB#<id>#EVENTS}, event id: the delivery log); each carries its delivery attempts and
 * expires after {@link #KEEP_EVENTS}. Also each business's webhook settings
 * ({@code BUSINESS#<id>}/{@code WEBHOOK}) and the once-only marker of a job's completion
 * ({@code JOB#<id>}/{@code COMPLETED}).
 */
@Singleton
public class DynamoEventStore implements EventStore, WebhookEndpointStore {
    static final Duration KEEP_EVENTS = Duration.ofDays(30);
    private static final int MAX_BATCH_WRITE = 25;
    private static final int MAX_BATCH_STATEMENTS = 25;
    private static final String WEBHOOK_SK = "WEBHOOK";
    private static final String EVENT_SK = "EVENT";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoEventStore(DynamoDbClient dynamo, TableConfiguration table) {
        this.dynamo = dynamo;
        this.table = table.getName();
    }

    @Override
    public void save(List<Event> events, Set<String> nowhereToGo) {
        List<WriteRequest> writes = events.stream()
                .map(event -> WriteRequest.builder().putRequest(PutRequest.builder()
                        .item(toItem(event, nowhereToGo.contains(event.id()) ? DeliveryStatus.NO_DESTINATION
                                : DeliveryStatus.PENDING).attributes()).build()).build())
                .toList();
        for (int from = 0; from < writes.size(); from += MAX_BATCH_WRITE) {
            Batches.writeAll(dynamo, table, writes.subList(from, Math.min(writes.size(), from + MAX_BATCH_WRITE)));
        }
    }

    @Override
    public List<StoredEvent> findAll(Collection<String> eventIds) {
        List<Map<String, AttributeValue>> keys = eventIds.stream().map(id -> Item.key(eventKey(id), EVENT_SK)).toList();
        return Batches.getAllConsistently(dynamo, table, keys).stream().map(Item::of).map(DynamoEventStore::stored).toList();
    }

    @Override
    public List<Event> feed(String businessId, Optional<String> afterEventId, int limit, Instant settledBefore) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", Item.s(feedPartition(businessId)));
        String condition = "gsi1pk = :pk";
        if (afterEventId.isPresent()) {
            condition += " AND gsi1sk > :after";
            values.put(":after", Item.s(afterEventId.get()));
        }
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName("gsi1")
                .keyConditionExpression(condition)
                .expressionAttributeValues(values)
                .limit(limit)
                .build();
        List<Event> events = new ArrayList<>();
        for (Map<String, AttributeValue> attributes : Batches.getInOrder(dynamo, table, dynamo.query(query).items())) {
            Event event = event(Item.of(attributes));
            if (!event.occurredAt().isBefore(settledBefore)) {
                break;
            }
            events.add(event);
        }
        return events;
    }

    @Override
    public List<StoredEvent> ofJob(String jobId) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName("gsi2")
                .keyConditionExpression("gsi2pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Item.s(jobPartition(jobId))))
                .build();
        return Batches.queryItems(dynamo, table, query).stream().map(Item::of).map(DynamoEventStore::stored).toList();
    }

    @Override
    public void recordAttempt(String eventId, DeliveryAttempt attempt, DeliveryStatus status) {
        dynamo.updateItem(u -> u.tableName(table)
                .key(Item.key(eventKey(eventId), EVENT_SK))
                .updateExpression("SET attempts = list_append(if_not_exists(attempts, :none), :attempt), deliveryStatus = :status")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(
                        ":none", AttributeValue.fromL(List.of()),
                        ":attempt", AttributeValue.fromL(List.of(Item.s(attemptJson(attempt)))),
                        ":status", Item.s(status.name()))));
    }

    /**
     * PartiQL, because its batch takes a condition per item where BatchWriteItem takes none: one
     * BatchExecuteStatement of conditional UPDATEs marks up to 25 events, where UpdateItem took a
     * request each. The {@code deliveryStatus} in the WHERE is the condition: an event no longer
     * PENDING fails it, and so does an expired one, as an UPDATE never creates an item. Each
     * statement answers on its own, in the order sent; a failed condition is the outcome asked for.
     */
    @Override
    public Map<String, String> markIfPending(Collection<String> eventIds, DeliveryStatus status) {
        String update = "UPDATE \"" + table + "\" SET deliveryStatus = ? WHERE pk = ? AND sk = ? AND deliveryStatus = ?";
        // A batch that names an item twice is refused as a whole.
        List<String> distinct = eventIds.stream().distinct().toList();
        Map<String, String> unwritten = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += MAX_BATCH_STATEMENTS) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + MAX_BATCH_STATEMENTS));
            List<BatchStatementRequest> statements = chunk.stream()
                    .map(eventId -> BatchStatementRequest.builder().statement(update).parameters(Item.s(status.name()),
                            Item.s(eventKey(eventId)), Item.s(EVENT_SK), Item.s(DeliveryStatus.PENDING.name())).build())
                    .toList();
            List<BatchStatementResponse> responses = dynamo.batchExecuteStatement(b -> b.statements(statements)).responses();
            for (int i = 0; i < chunk.size(); i++) {
                BatchStatementError error = responses.get(i).error();
                if (error != null && error.code() != BatchStatementErrorCodeEnum.CONDITIONAL_CHECK_FAILED) {
                    unwritten.put(chunk.get(i), error.codeAsString() + ": " + error.message());
                }
            }
        }
        return unwritten;
    }

    @Override
    public boolean firstCompletion(String jobId) {
        try {
            dynamo.putItem(p -> p.tableName(table)
                    .item(Item.withKey(DynamoJobStore.JOB_PREFIX + jobId, DynamoJobStore.COMPLETION_SK)
                            .put("type", "JOB_COMPLETED").attributes())
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public WebhookEndpoint endpoint(String businessId) {
        var response = dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(webhookKey(businessId)));
        return response.hasItem() ? endpoint(Item.of(response.item())) : WebhookEndpoint.NONE;
    }

    /** Job items and webhook items in one BatchGetItem: both kinds live in this table. */
    @Override
    public WebhookDestinations destinations(Set<String> jobIds, Set<String> businessIds) {
        return destinations(read(Set.of(), jobIds, businessIds));
    }

    /** Event items with the job and webhook items in one BatchGetItem (more only past its 100 keys). */
    @Override
    public DeliveryBatch readWithDestinations(Set<String> eventIds, Set<String> jobIds, Set<String> businessIds) {
        List<Item> items = read(eventIds, jobIds, businessIds);
        Map<String, StoredEvent> events = new HashMap<>();
        items.stream().filter(item -> item.string(Item.SK).equals(EVENT_SK)).map(DynamoEventStore::stored)
                .forEach(stored -> events.put(stored.event().id(), stored));
        return new DeliveryBatch(events, destinations(items.stream().filter(item -> !item.string(Item.SK).equals(EVENT_SK)).toList()));
    }

    private List<Item> read(Set<String> eventIds, Set<String> jobIds, Set<String> businessIds) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        eventIds.forEach(eventId -> keys.add(Item.key(eventKey(eventId), EVENT_SK)));
        jobIds.forEach(jobId -> keys.add(DynamoJobStore.jobKey(jobId)));
        businessIds.forEach(businessId -> keys.add(webhookKey(businessId)));
        return Batches.getAllConsistently(dynamo, table, keys).stream().map(Item::of).toList();
    }

    private static WebhookDestinations destinations(List<Item> jobsAndWebhooks) {
        Map<String, URI> callbackUrls = new HashMap<>();
        Map<String, WebhookEndpoint> endpoints = new HashMap<>();
        for (Item item : jobsAndWebhooks) {
            if (item.string(Item.SK).equals(WEBHOOK_SK)) {
                endpoints.put(item.string(Item.PK).substring(DynamoAccountStore.BUSINESS_PREFIX.length()), endpoint(item));
            } else {
                Job job = DynamoJobStore.job(item);
                if (job.callbackUrl() != null) {
                    callbackUrls.put(job.id(), job.callbackUrl());
                }
            }
        }
        return new WebhookDestinations(callbackUrls, endpoints);
    }

    @Override
    public void setUrl(String businessId, URI url) {
        dynamo.updateItem(u -> u.tableName(table)
                .key(webhookKey(businessId))
                .updateExpression("SET #type = :type, #url = :url")
                .expressionAttributeNames(Map.of("#type", "type", "#url", "url"))
                .expressionAttributeValues(Map.of(":type", Item.s("WEBHOOK"), ":url", Item.s(url.toString()))));
    }

    @Override
    public void rotateSecret(String businessId, String newSecret, Instant previousValidUntil) {
        // One update reads the current secret and moves it aside, so two rotations never lose one.
        dynamo.updateItem(u -> u.tableName(table)
                .key(webhookKey(businessId))
                .updateExpression("SET #type = :type, previousSecret = if_not_exists(secret, :none), "
                        + "previousSecretValidUntil = :until, secret = :secret")
                .expressionAttributeNames(Map.of("#type", "type"))
                .expressionAttributeValues(Map.of(":type", Item.s("WEBHOOK"), ":none", AttributeValue.fromNul(true),
                        ":until", Item.s(previousValidUntil.toString()), ":secret", Item.s(newSecret))));
    }

    static String feedPartition(String businessId) {
        return DynamoAccountStore.BUSINESS_PREFIX + businessId + "#EVENTS";
    }

    static String jobPartition(String jobId) {
        return "JOB#" + jobId + "#EVENTS";
    }

    private static Map<String, AttributeValue> webhookKey(String businessId) {
        return Item.key(DynamoAccountStore.BUSINESS_PREFIX + businessId, WEBHOOK_SK);
    }

    private static WebhookEndpoint endpoint(Item item) {
        return new WebhookEndpoint(item.optionalString("url").map(URI::create).orElse(null),
                item.optionalString("secret").orElse(null),
                item.optionalString("previousSecret").orElse(null),
                item.optionalInstant("previousSecretValidUntil").orElse(null));
    }

    private static String eventKey(String eventId) {
        return "EVENT#" + eventId;
    }

    private static Item toItem(Event event, DeliveryStatus status) {
        return Item.withKey(eventKey(event.id()), EVENT_SK)
                .put("type", "EVENT")
                .put("eventType", event.type().wireName())
                .put("occurredAt", event.occurredAt())
                .put("businessId", event.businessId())
                .put("jobId", event.jobId())
                .put("taskId", event.taskId())
                .put("deliveryStatus", status.name())
                .putStrings("attempts", List.of())
                .put(Item.GSI1PK, feedPartition(event.businessId()))
                .put(Item.GSI1SK, event.id())
                .put(Item.GSI2PK, jobPartition(event.jobId()))
                .put(Item.GSI2SK, event.id())
                .put(Item.TTL, event.occurredAt().plus(KEEP_EVENTS).getEpochSecond());
    }

    private static Event event(Item item) {
        return new Event(item.string(Item.GSI1SK),
                EventType.fromWireName(item.string("eventType"))
                        .orElseThrow(() -> new IllegalStateException("unknown event type " + item.string("eventType"))),
                item.instant("occurredAt"), item.string("businessId"), item.string("jobId"),
                item.optionalString("taskId").orElse(null));
    }

    private static StoredEvent stored(Item item) {
        return new StoredEvent(event(item), DeliveryStatus.valueOf(item.string("deliveryStatus")),
                item.strings("attempts").stream().map(DynamoEventStore::attempt).toList());
    }

    private static String attemptJson(DeliveryAttempt attempt) {
        ObjectNode node = JSON.createObjectNode().put("number", attempt.number()).put("at", attempt.at().toString());
        if (attempt.statusCode() != null) {
            node.put("statusCode", attempt.statusCode());
        }
        if (attempt.error() != null) {
            node.put("error", attempt.error());
        }
        if (attempt.nextRetryAt() != null) {
            node.put("nextRetryAt", attempt.nextRetryAt().toString());
        }
        return node.toString();
    }

    private static DeliveryAttempt attempt(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new DeliveryAttempt(node.get("number").asInt(), Instant.parse(node.get("at").asText()),
                    node.has("statusCode") ? node.get("statusCode").asInt() : null,
                    node.has("error") ? node.get("error").asText() : null,
                    node.has("nextRetryAt") ? Instant.parse(node.get("nextRetryAt").asText()) : null);
        } catch (IOException e) {
            throw new UncheckedIOException("stored delivery attempt is not JSON", e);
        }
    }
}
