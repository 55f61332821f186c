package dev.microjobs.bench.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.local.lambda.EventJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SampleEventsTest {

    /** infra/bench is where Maven runs the tests; the events live at the repository root. */
    private static final Path EVENTS = Path.of("../../events");

    @Test
    void fillsPlaceholdersAndRefusesUnknownOrUnsafeOnes() {
        assertEquals("{\"a\":\"x-1\"}", SampleEvents.fill("{\"a\":\"${A}\"}", Map.of("A", "x-1")));
        assertThrows(IllegalArgumentException.class, () -> SampleEvents.fill("${MISSING}", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> SampleEvents.fill("${A}", Map.of("A", "quote\"")));
    }

    @Test
    void everySampleRendersToAnEventWithFreshIdsAndTheBodysMd5() throws Exception {
        Map<String, String> values = new HashMap<>();
        for (String name : new String[] {"BUSINESS_API_KEY", "WORKER_TOKEN", "WORKER_ID", "BUSINESS_ID", "JOB_ID", "TASK_ID", "EVENT_ID",
                "DRAFTS_QUEUE_ARN", "PAYOUTS_QUEUE_ARN", "EVENTS_QUEUE_ARN", "REGION", "ACCOUNT_ID"}) {
            values.put(name, name.toLowerCase());
        }
        SampleEvents events = new SampleEvents(EVENTS, values);
        for (String function : SampleEvents.FILES.keySet()) {
            assertTrue(Files.isRegularFile(EVENTS.resolve(SampleEvents.FILES.get(function))), function);
            JsonNode first = EventJson.MAPPER.readTree(events.render(function));
            JsonNode second = EventJson.MAPPER.readTree(events.render(function));
            assertTrue(!first.equals(second), function + " renders the same event twice");
        }
        JsonNode record = EventJson.MAPPER.readTree(events.render("DraftsFunction")).get("Records").get(0);
        assertEquals("{\"jobId\":\"job_id\",\"inputs\":[{\"inputIndex\":0,\"taskIds\":[\"task_id\"]}]}", record.get("body").asText());
        assertEquals(32, record.get("md5OfBody").asText().length());
    }

    @Test
    void aSuccessIsA2xxOrABatchWithoutFailures() {
        ObjectNode created = EventJson.MAPPER.createObjectNode().put("statusCode", 201);
        ObjectNode notFound = EventJson.MAPPER.createObjectNode().put("statusCode", 404).put("body", "{}");
        ObjectNode batch = EventJson.MAPPER.createObjectNode();
        batch.putArray("batchItemFailures");
        ObjectNode failedBatch = EventJson.MAPPER.createObjectNode();
        failedBatch.putArray("batchItemFailures").addObject().put("itemIdentifier", "m-1");
        assertEquals(Optional.empty(), ColdStartBenchmark.unsuccessful(created));
        assertTrue(ColdStartBenchmark.unsuccessful(notFound).isPresent());
        assertEquals(Optional.empty(), ColdStartBenchmark.unsuccessful(batch));
        assertTrue(ColdStartBenchmark.unsuccessful(failedBatch).isPresent());
    }
}
