package dev.microjobs.aws.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.validation.ValidationException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns DynamoDB's LastEvaluatedKey into an opaque cursor and back. A cursor that does not
 * decode, or that points into another partition than the listing's (another tenant's jobs, say),
 * is a client error, never a query against someone else's data. So is one that DynamoDB would
 * refuse as a start key: without exactly the table's and the index's key attributes, or with a
 * sort key outside the listing's key condition.
 */
final class PageCursor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CURSOR_LENGTH = 2048;
    /** DynamoDB's limit on a sort key value; our partition keys are far shorter than theirs (2,048 bytes). */
    private static final int MAX_KEY_VALUE_BYTES = 1024;

    private PageCursor() {
    }

    static Optional<String> encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode node = JSON.createObjectNode();
        lastEvaluatedKey.forEach((name, value) -> node.put(name, value.s()));
        return Optional.of(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(node.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The start key of a query on an index whose key is {@code partitionAttribute} and
     * {@code sortAttribute}, in partition {@code partitionValue}, with sort keys beginning with
     * {@code sortPrefix} ({@code ""} when the query has no sort key condition).
     */
    static Map<String, AttributeValue> decode(String cursor, String partitionAttribute, String partitionValue,
                                              String sortAttribute, String sortPrefix) {
        try {
            if (cursor.length() > MAX_CURSOR_LENGTH) {
                throw invalid();
            }
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
            if (node == null || !node.isObject() || !partitionValue.equals(node.path(partitionAttribute).asText(null))
                    || !node.path(sortAttribute).asText("").startsWith(sortPrefix)) {
                throw invalid();
            }
            Set<String> keyAttributes = Set.of(Item.PK, Item.SK, partitionAttribute, sortAttribute);
            Map<String, AttributeValue> key = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!keyAttributes.contains(field.getKey()) || !field.getValue().isTextual()
                        || !isKeyValue(field.getValue().asText())) {
                    throw invalid();
                }
                key.put(field.getKey(), AttributeValue.fromS(field.getValue().asText()));
            }
            if (!key.keySet().equals(keyAttributes)) {
                throw invalid();
            }
            return key;
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
    }

    /** DynamoDB refuses (with a 400 that would surface as our 500) an empty key value, or one over 1,024 bytes. */
    private static boolean isKeyValue(String value) {
        return !value.isEmpty() && value.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_VALUE_BYTES;
    }

    private static ValidationException invalid() {
        return ValidationException.of("cursor", "is not a cursor of this listing; pass back the nextCursor you were given");
    }
}
