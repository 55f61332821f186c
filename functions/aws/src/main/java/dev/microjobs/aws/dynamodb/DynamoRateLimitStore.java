package dev.microjobs.aws.dynamodb;

import dev.microjobs.core.ports.RateLimitStore;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A rate-limit bucket per business or worker: {@code RATE_LIMIT#<id>} / {@code RATE_LIMIT}
 * holding {@code fullAt}, the instant the bucket is full again, and a {@code ttl} at that
 * instant: from then on the item says nothing an absent item would not, so DynamoDB may delete
 * it. Its own partition keeps the per-request write off the business's account item.
 *
 * <p>Per admitted request one conditional UpdateItem on an item under 1 KB (1 write unit) when
 * the caller knew the stored instant, or asks only that the bucket be full; otherwise the failed
 * write (1 write unit too) returns the item as it is ({@code ReturnValuesOnConditionCheckFailure},
 * no read unit), so the caller learns it without a GetItem. {@code fullAtMs}, the instant in epoch
 * milliseconds rounded up, is what "full" is compared on; an item written before it existed fails
 * that condition and is then replaced as it is.
 */
@Singleton
public class DynamoRateLimitStore implements RateLimitStore {
    private static final String PK_PREFIX = "RATE_LIMIT#";
    private static final String SK = "RATE_LIMIT";
    private static final String FULL_AT = "fullAt";
    private static final String FULL_AT_MS = "fullAtMs";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRateLimitStore(DynamoDbClient dynamo, TableConfiguration table) {
        this.dynamo = dynamo;
        this.table = table.getName();
    }

    @Override
    public Replacement replace(String principalId, Optional<Instant> expected, Instant fullAt) {
        Map<String, AttributeValue> values = new HashMap<>();
        // An item past its ttl may still be there (deletion is lazy): it is compared like any other.
        String condition = expected.map(stored -> {
            values.put(":expected", Item.s(stored.toString()));
            return "#fullAt = :expected";
        }).orElse("attribute_not_exists(pk)");
        return write(principalId, condition, values, fullAt);
    }

    /**
     * Full when the stored instant, rounded up to the millisecond, is not after {@code now} rounded
     * down: so never a bucket that is not full, and only a bucket full for less than two
     * milliseconds is failed (the caller then replaces the instant it learns).
     */
    @Override
    public Replacement replaceIfFull(String principalId, Instant now, Instant fullAt) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", Item.n(now.toEpochMilli()));
        return write(principalId, "attribute_not_exists(pk) OR #fullAtMs <= :now", values, fullAt);
    }

    private Replacement write(String principalId, String condition, Map<String, AttributeValue> values, Instant fullAt) {
        values.put(":fullAt", Item.s(fullAt.toString()));
        values.put(":fullAtMs", Item.n(millisRoundedUp(fullAt)));
        values.put(":ttl", Item.n(secondsRoundedUp(fullAt)));
        values.put(":type", Item.s(SK));
        try {
            dynamo.updateItem(update -> update.tableName(table).key(key(principalId))
                    .updateExpression("SET #fullAt = :fullAt, #fullAtMs = :fullAtMs, #ttl = :ttl, #type = :type")
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#fullAt", FULL_AT, "#fullAtMs", FULL_AT_MS, "#ttl", Item.TTL, "#type", "type"))
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Replacement.replaced(fullAt);
        } catch (ConditionalCheckFailedException storedDiffers) {
            // Without an item the failure carries an empty one: none stored.
            return Replacement.storedInstead(Item.of(storedDiffers.item()).optionalInstant(FULL_AT));
        }
    }

    private static Map<String, AttributeValue> key(String principalId) {
        return Item.key(PK_PREFIX + principalId, SK);
    }

    private static long millisRoundedUp(Instant instant) {
        return instant.toEpochMilli() + (instant.getNano() % 1_000_000 > 0 ? 1 : 0);
    }

    private static long secondsRoundedUp(Instant instant) {
        return instant.getEpochSecond() + (instant.getNano() > 0 ? 1 : 0);
    }
}
