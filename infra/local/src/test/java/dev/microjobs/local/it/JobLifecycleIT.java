package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A job from submission to READY tasks with their offline drafts, through the real template. */
class JobLifecycleIT extends StackTest {

    @Test
    void aSubmittedJobIsDraftedAndItsTasksBecomeReady() {
        String key = newBusiness(10_000);
        Response created = post("/v1/jobs", key, Map.of(
                "type", "tagline",
                "title", "Taglines for a coffee brand",
                "instructions", "Five short, upbeat taglines.",
                "reward", Map.of("amount", 25, "currency", "USD"),
                "inputs", List.of(
                        Map.of("brief", "Single-origin coffee roasted in small batches in Lisbon", "brand", "Torra"),
                        Map.of("brief", "Cold brew in cans for cyclists on long rides"))));

        assertEquals(201, created.status(), created.body());
        JsonNode job = created.json();
        assertEquals(2, job.get("taskIds").size());
        assertEquals(60, job.get("held").get("amount").asLong(), "2 x (25 + 20% fee)");

        String taskId = job.get("taskIds").get(0).asText();
        await("the task to be drafted", Duration.ofSeconds(20),
                () -> get("/v1/tasks/" + taskId, key).json().get("state").asText().equals("READY"));

        JsonNode task = get("/v1/tasks/" + taskId, key).json();
        assertEquals("offline", task.get("draft").get("provider").asText());
        assertTrue(task.get("draft").get("content").isArray(), task.toString());
        assertFalse(task.get("draft").get("content").isEmpty());

        JsonNode account = get("/v1/account", key).json();
        assertEquals(10_000 - 60, account.get("balance").get("amount").asLong());
        assertEquals(60, account.get("held").get("amount").asLong());
    }
}
