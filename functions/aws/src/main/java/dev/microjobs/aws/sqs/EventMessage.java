package dev.microjobs.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microjobs.core.events.Event;
import dev.microjobs.core.events.EventRef;

import java.io.IOException;

/**
 * The events queue's message: {@code {"eventId": "evt_...", "jobId": "job_...", "businessId": "biz_..."}}.
 * The event itself is stored before the message is sent, and the notifier reads it (and its
 * delivery log) from there, together with the destinations of the job and business the message
 * names. A message without them (sent before they were added) is read as naming the event only.
 */
public final class EventMessage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventMessage() {
    }

    public static String write(Event event) {
        return JSON.createObjectNode().put("eventId", event.id()).put("jobId", event.jobId())
                .put("businessId", event.businessId()).toString();
    }

    /** @throws IllegalArgumentException for a body that is not such a message */
    public static EventRef read(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.path("eventId").isTextual()) {
                throw new IllegalArgumentException("not an event message: missing eventId");
            }
            return new EventRef(node.get("eventId").asText(), text(node, "jobId"), text(node, "businessId"));
        } catch (IOException e) {
            throw new IllegalArgumentException("not an event message: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.get(field).asText() : null;
    }
}
