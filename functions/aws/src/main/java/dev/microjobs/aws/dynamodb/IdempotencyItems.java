package dev.microjobs.aws.dynamodb;

import dev.microjobs.core.Hashes;
import dev.microjobs.core.jobs.IdempotencyRecord;
import dev.microjobs.core.jobs.SubmitJob;
import dev.microjobs.core.ports.IdempotencyStore;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Idempotency keys as items: {@code IDEMPOTENCY#<businessId>#<sha256(key)>}, expiring through
 * the table's TTL. DynamoDB deletes expired items lazily, so an expired record is treated as
 * absent on read and may be overwritten on write.
 */
@Singleton
public class IdempotencyItems implements IdempotencyStore {
    private static final String SK = "IDEMPOTENCY";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public IdempotencyItems(DynamoDbClient dynamo, TableConfiguration table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table.getName();
        this.clock = clock;
    }

    @Override
    public Optional<IdempotencyRecord> find(String businessId, String key) {
        var response = dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(Item.key(pk(businessId, key), SK)));
        if (!response.hasItem()) {
            return Optional.empty();
        }
        Item item = Item.of(response.item());
        if (item.number(Item.TTL) <= clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        Optional<IdempotencyRecord.StoredResponse> stored = item.optionalString("responseBody")
                .map(body -> new IdempotencyRecord.StoredResponse((int) item.number("responseStatus"), body));
        return Optional.of(new IdempotencyRecord(businessId, key, item.string("requestHash"), item.string("jobId"),
                stored, item.instant("lockedUntil")));
    }

    @Override
    public void complete(String businessId, String key, IdempotencyRecord.StoredResponse response, Instant keepUntil) {
        dynamo.updateItem(u -> u.tableName(table).key(Item.key(pk(businessId, key), SK))
                .updateExpression("SET responseStatus = :status, responseBody = :body, #ttl = :ttl")
                .expressionAttributeNames(Map.of("#ttl", Item.TTL))
                .expressionAttributeValues(Map.of(
                        ":status", Item.n(response.status()),
                        ":body", Item.s(response.body()),
                        ":ttl", Item.n(keepUntil.getEpochSecond()))));
    }

    @Override
    public boolean relock(String businessId, String key, Instant expiredLock, Instant newLock) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(Item.key(pk(businessId, key), SK))
                    .updateExpression("SET lockedUntil = :new")
                    .conditionExpression("lockedUntil = :old AND attribute_not_exists(responseBody)")
                    .expressionAttributeValues(Map.of(":new", Item.s(newLock.toString()), ":old", Item.s(expiredLock.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The record's first write, inside the job's transaction; fails if a live record holds the key. */
    TransactWriteItem putIfFree(IdempotencyRecord record) {
        Instant now = clock.instant();
        Item item = Item.withKey(pk(record.businessId(), record.key()), SK)
                .put("type", "IDEMPOTENCY")
                .put("requestHash", record.requestHash())
                .put("jobId", record.jobId())
                .put("lockedUntil", record.lockedUntil())
                .put(Item.TTL, now.plus(SubmitJob.KEEP_KEYS).getEpochSecond());
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(item.attributes())
                .conditionExpression("attribute_not_exists(pk) OR #ttl <= :now")
                .expressionAttributeNames(Map.of("#ttl", Item.TTL))
                .expressionAttributeValues(Map.of(":now", Item.n(now.getEpochSecond())))
                .build()).build();
    }

    private static String pk(String businessId, String key) {
        return "IDEMPOTENCY#" + businessId + "#" + Hashes.sha256Hex(key.getBytes(StandardCharsets.UTF_8));
    }
}
