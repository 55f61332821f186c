package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Base of the worker-side ITs: jobs whose tasks become READY, each job with a skill of its
 * own so that one test's workers never claim another test's tasks.
 */
abstract class WorkerStackTest extends StackTest {

    /** A job of one-line tagline tasks; its task ids once all of them are READY. */
    protected static List<String> readyJob(String businessKey, Map<String, Object> overrides, int inputs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "tagline");
        body.put("title", "Taglines for a coffee brand");
        body.put("instructions", "Five short, upbeat taglines.");
        body.put("reward", Map.of("amount", 30, "currency", "USD"));
        body.put("draft", Map.of("provider", "none"));
        List<Map<String, Object>> briefs = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            briefs.add(Map.of("brief", "Single-origin coffee, batch " + i));
        }
        body.put("inputs", briefs);
        body.putAll(overrides);
        Response created = post("/v1/jobs", businessKey, body);
        assertEquals(201, created.status(), created.body());
        List<String> taskIds = new ArrayList<>();
        created.json().get("taskIds").forEach(id -> taskIds.add(id.asText()));
        for (String taskId : taskIds) {
            await("task " + taskId + " to be READY", Duration.ofSeconds(20),
                    () -> state(businessKey, taskId).equals("READY"));
        }
        return taskIds;
    }

    protected static String state(String businessKey, String taskId) {
        return task(businessKey, taskId).get("state").asText();
    }

    protected static JsonNode task(String businessKey, String taskId) {
        Response response = get("/v1/tasks/" + taskId, businessKey);
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    protected static Response claim(String workerToken) {
        return post("/v1/worker/claims", workerToken, null);
    }

    protected static Response submit(String workerToken, String claimId, Object output, String draftUsed) {
        return post("/v1/worker/claims/" + claimId + "/submit", workerToken,
                Map.of("output", output, "draftUsed", draftUsed));
    }
}
