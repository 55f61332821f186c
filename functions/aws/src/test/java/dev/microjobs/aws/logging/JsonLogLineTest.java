package dev.microjobs.aws.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLogLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123Z");

    @Test
    void oneJsonObjectWithTheContextKeys() throws Exception {
        String line = JsonLogLine.format(AT, Level.INFO, "dev.microjobs.X", "task \"a\"\nwas approved",
                Map.of("requestId", "r-1", "function", "IntakeFunction", "taskId", "task_1"), null);

        assertFalse(line.contains("\n"));
        JsonNode node = JSON.readTree(line);
        assertEquals("2026-03-01T10:00:00.123Z", node.get("timestamp").asText());
        assertEquals("INFO", node.get("level").asText());
        assertEquals("dev.microjobs.X", node.get("logger").asText());
        assertEquals("task \"a\"\nwas approved", node.get("message").asText());
        assertEquals("r-1", node.get("requestId").asText());
        assertEquals("IntakeFunction", node.get("function").asText());
        assertEquals("task_1", node.get("taskId").asText());
    }

    @Test
    void anErrorKeepsItsStackTraceInOneField() throws Exception {
        String line = JsonLogLine.format(AT, Level.ERROR, "x", "failed", null, new IllegalStateException("boom"));

        JsonNode node = JSON.readTree(line);
        assertTrue(node.get("error").asText().startsWith("java.lang.IllegalStateException: boom"));
        assertTrue(node.get("error").asText().contains("JsonLogLineTest"));
    }

    @Test
    void masksAnythingShapedLikeOurSecrets() throws Exception {
        String line = JsonLogLine.format(AT, Level.WARN, "x",
                "key mjb_AbC123xyz_-99 token mjw_QwErTy123456 secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw=",
                Map.of("note", "Bearer mjb_AbC123xyz_-99"), new IllegalArgumentException("whsec_MfKQ9r8GKYqrTwjU"));

        assertFalse(line.contains("AbC123xyz"), line);
        assertFalse(line.contains("QwErTy123456"), line);
        assertFalse(line.contains("MfKQ9r8GKYqr"), line);
        assertEquals("key mjb_[REDACTED] token mjw_[REDACTED] secret whsec_[REDACTED]",
                JSON.readTree(line).get("message").asText());
    }

    @Test
    void controlCharactersAreEscaped() throws Exception {
        String line = JsonLogLine.format(AT, Level.INFO, "x", "a\u0000b\u2028c\td", Map.of(), null);

        assertEquals("a\u0000b\u2028c\td", JSON.readTree(line).get("message").asText());
        assertFalse(line.contains("\u2028"));
    }

    @Test
    void theLevelComesFromLogLevel() {
        assertEquals(Level.INFO, JsonLogLevel.fromEnvironment(null));
        assertEquals(Level.DEBUG, JsonLogLevel.fromEnvironment(" debug "));
        assertEquals(Level.INFO, JsonLogLevel.fromEnvironment("loud"));
    }
}
