package dev.microjobs.aws.dynamodb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.validation.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageCursorTest {
    private static final String PARTITION = "BUSINESS#biz_01#JOBS";

    @Test
    void aCursorItGaveOutComesBack() {
        Map<String, AttributeValue> key = Map.of(Item.PK, AttributeValue.fromS("JOB#job_01"), Item.SK, AttributeValue.fromS("JOB"),
                Item.GSI1PK, AttributeValue.fromS(PARTITION), Item.GSI1SK, AttributeValue.fromS("job_01"));

        String cursor = PageCursor.encode(key).orElseThrow();

        assertEquals(key, PageCursor.decode(cursor, Item.GSI1PK, PARTITION, Item.GSI1SK, ""));
    }

    /** DynamoDB answers such a start key with a 400 of its own, which must not become our 500. */
    @ParameterizedTest
    @ValueSource(strings = {"pk", "sk", "gsi1sk"})
    void anEmptyKeyValueIsNotACursor(String attribute) {
        ObjectNode key = key();
        key.put(attribute, "");

        assertThrows(ValidationException.class, () -> decode(key));
    }

    @Test
    void aSortKeyOverDynamoDbsLimitIsNotACursor() {
        ObjectNode key = key();
        key.put(Item.GSI1SK, "\u00e9".repeat(513));

        assertThrows(ValidationException.class, () -> decode(key));
    }

    private static ObjectNode key() {
        return new ObjectMapper().createObjectNode().put(Item.PK, "JOB#job_01").put(Item.SK, "JOB")
                .put(Item.GSI1PK, PARTITION).put(Item.GSI1SK, "job_01");
    }

    private static Map<String, AttributeValue> decode(ObjectNode key) {
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(key.toString().getBytes(StandardCharsets.UTF_8));
        return PageCursor.decode(cursor, Item.GSI1PK, PARTITION, Item.GSI1SK, "");
    }
}
