package dev.microjobs.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.List;
import java.util.Map;

/**
 * State changes are built once as a transaction {@link Update} and applied either inside a
 * transaction or, alone, as an UpdateItem; a failed condition means someone else moved first.
 */
final class ConditionalUpdates {

    private ConditionalUpdates() {
    }

    /** @return false when the item was no longer as the update's condition expects */
    static boolean apply(DynamoDbClient dynamo, Update update) {
        try {
            dynamo.updateItem(request(update).build());
            return true;
        } catch (ConditionalCheckFailedException movedOn) {
            return false;
        }
    }

    /** The UpdateItem that applies {@code update} alone. */
    static UpdateItemRequest.Builder request(Update update) {
        return UpdateItemRequest.builder()
                .tableName(update.tableName())
                .key(update.key())
                .updateExpression(update.updateExpression())
                .conditionExpression(update.conditionExpression())
                .expressionAttributeNames(update.expressionAttributeNames())
                .expressionAttributeValues(update.expressionAttributeValues());
    }

    /** Adds {@code SET attribute = value}, or {@code REMOVE attribute} when the value is null. */
    static void setOrRemove(String attribute, String value, List<String> sets, List<String> removes,
                            Map<String, AttributeValue> values) {
        if (value == null) {
            removes.add(attribute);
        } else {
            values.put(":" + attribute, Item.s(value));
            sets.add(attribute + " = :" + attribute);
        }
    }
}
