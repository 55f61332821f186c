package dev.microjobs.aws.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmfMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneEmbeddedMetricFormatDocumentPerValue() throws Exception {
        JsonNode line = JSON.readTree(EmfMetrics.line("DraftLatency", "Milliseconds", 412, 1_772_359_200_000L,
                "DraftsFunction", "req-1"));

        JsonNode aws = line.get("_aws");
        assertEquals(1_772_359_200_000L, aws.get("Timestamp").asLong());
        JsonNode directive = aws.get("CloudWatchMetrics").get(0);
        assertEquals("microjobs", directive.get("Namespace").asText());
        assertEquals("function", directive.get("Dimensions").get(0).get(0).asText());
        assertEquals("DraftLatency", directive.get("Metrics").get(0).get("Name").asText());
        assertEquals("Milliseconds", directive.get("Metrics").get(0).get("Unit").asText());
        assertEquals("DraftsFunction", line.get("function").asText());
        assertEquals(412, line.get("DraftLatency").asLong());
        assertEquals("req-1", line.get("requestId").asText());
    }

    @Test
    void withoutARequestIdThereIsNoSuchProperty() throws Exception {
        JsonNode line = JSON.readTree(EmfMetrics.line("TasksCreated", "Count", 3, 1L, "IntakeFunction", null));

        assertFalse(line.has("requestId"));
        assertEquals(3, line.get("TasksCreated").asLong());
    }

    @Test
    void metricNamesCannotBreakTheDocument() {
        assertThrows(IllegalArgumentException.class, () -> EmfMetrics.line("Tasks\"Created", "Count", 1, 1L, "f", null));
    }
}
