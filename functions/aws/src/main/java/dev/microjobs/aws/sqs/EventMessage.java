package dev.microjobs.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * The events queue's message: {@code {"eventId": "evt_..."}}. The event itself is stored before the
 * message is sent, and the notifier reads it (and its delivery log) from there.
 */
public final class EventMessage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventMessage() {
    }

    public static String write(String eventId) {
        return JSON.createObjectNode().put("eventId", eventId).toString();
    }

    /** @throws IllegalArgumentException for a body that is not such a message */
    public static String read(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.path("eventId").isTextual()) {
                throw new IllegalArgumentException("not an event message: missing eventId");
            }
            return node.get("eventId").asText();
        } catch (IOException e) {
            throw new IllegalArgumentException("not an event message: " + e.getMessage(), e);
        }
    }
}
