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
 * is a client error, never a query against someone else's data.
 */
final class PageCursor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEY_ATTRIBUTES =
            Set.of(Item.PK, Item.SK, Item.GSI1PK, Item.GSI1SK, Item.GSI2PK, Item.GSI2SK);
    private static final int MAX_CURSOR_LENGTH = 2048;

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

    static Map<String, AttributeValue> decode(String cursor, String partitionAttribute, String partitionValue) {
        try {
            if (cursor.length() > MAX_CURSOR_LENGTH) {
                throw invalid();
            }
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
            if (node == null || !node.isObject() || !partitionValue.equals(node.path(partitionAttribute).asText(null))) {
                throw invalid();
            }
            Map<String, AttributeValue> key = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!KEY_ATTRIBUTES.contains(field.getKey()) || !field.getValue().isTextual()) {
                    throw invalid();
                }
                key.put(field.getKey(), AttributeValue.fromS(field.getValue().asText()));
            }
            return key;
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
    }

    private static ValidationException invalid() {
        return ValidationException.of("cursor", "is not a cursor of this listing; pass back the nextCursor you were given");
    }
}
