package dev.microjobs.core.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microjobs.core.domain.IdGenerator;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final String BUSINESS = "biz_01JD3Z7Q8W6M2XK4N5P9R0STVB";
    private static final String JOB = "job_01JD3Z7Q8W6M2XK4N5P9R0STVB";
    private static final String TASK = "task_01JD3Z7Q8W6M2XK4N5P9R0STVB";
    private static final String EVENT = "evt_01JD3Z7Q8W6M2XK4N5P9R0STVB";

    @Test
    void aTaskEventsPayloadNamesItsTaskAndJobButNotTheBusiness() throws Exception {
        Event event = new Event(EVENT, EventType.TASK_APPROVED, AT, BUSINESS, JOB, TASK);

        assertEquals(new ObjectMapper().readTree("""
                {"id": "%s", "type": "task.approved", "timestamp": "2026-03-01T10:00:00.123Z",
                 "data": {"jobId": "%s", "taskId": "%s"}}""".formatted(EVENT, JOB, TASK)), event.payload());
        assertFalse(event.payload().toString().contains(BUSINESS));
    }

    @Test
    void aJobEventHasNoTask() {
        Event event = Event.jobCompleted(new IdGenerator(Clock.fixed(AT, ZoneOffset.UTC)), BUSINESS, JOB, AT);

        assertTrue(event.id().startsWith("evt_"));
        assertEquals("job.completed", event.payload().get("type").asText());
        assertFalse(event.payload().get("data").has("taskId"));
        assertThrows(IllegalArgumentException.class, () -> new Event(EVENT, EventType.JOB_COMPLETED, AT, BUSINESS, JOB, TASK));
        assertThrows(IllegalArgumentException.class, () -> new Event(EVENT, EventType.TASK_PAID, AT, BUSINESS, JOB, null));
    }

    @Test
    void everyTypeHasADistinctWireNameThatReadsBack() {
        for (EventType type : EventType.values()) {
            assertEquals(type, EventType.fromWireName(type.wireName()).orElseThrow());
        }
        assertEquals(List.of("task.drafted", "task.claimed", "task.submitted", "task.approved", "task.rejected",
                "task.paid", "task.expired", "job.completed"),
                List.of(EventType.values()).stream().map(EventType::wireName).toList());
    }

    @Test
    void theSecretBeforeARotationSignsOnlyDuringTheOverlap() {
        WebhookEndpoint endpoint = new WebhookEndpoint(null, "whsec_bmV3", "whsec_b2xk", AT.plusSeconds(60));

        assertEquals(List.of("whsec_bmV3", "whsec_b2xk"), endpoint.signingSecrets(AT));
        assertEquals(List.of("whsec_bmV3"), endpoint.signingSecrets(AT.plusSeconds(60)));
        assertEquals(List.of(), WebhookEndpoint.NONE.signingSecrets(AT));
    }

    @Test
    void newSecretsAreStandardWebhooksSecrets() {
        String secret = WebhookAccount.newSecret();

        assertTrue(secret.startsWith("whsec_"));
        assertEquals(32, java.util.Base64.getDecoder().decode(secret.substring(6)).length);
    }
}
