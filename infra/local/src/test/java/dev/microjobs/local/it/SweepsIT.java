package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweeper's money work on the local stack: a job past its expiry gives the escrow of its
 * unsubmitted tasks back, submitted work not reviewed in time is approved and paid, and a job
 * with nothing left to do is completed. Time is moved by rewriting the stored deadlines.
 */
class SweepsIT extends StackTest {
    @Test
    void anExpiredJobReleasesTheEscrowOfItsUnsubmittedTasks() throws Exception {
        String key = newBusiness(10_000);
        JsonNode job = readyJob(key, 3, 100);
        String jobId = job.get("id").asText();
        String submittedId = job.get("taskIds").get(0).asText();
        submitAs(newWorker().workerId(), submittedId);
        expireNow(job);

        stack.fireSchedule("SweeperFunction", "EveryMinute");

        JsonNode detail = get("/v1/jobs/" + jobId, key).json();
        assertEquals("EXPIRED", detail.get("status").asText());
        assertEquals(2, detail.get("tasks").get("EXPIRED").asInt());
        assertEquals(1, detail.get("tasks").get("SUBMITTED").asInt(), "submitted work is still reviewed");
        JsonNode account = get("/v1/account", key).json();
        assertEquals(120, account.get("held").get("amount").asLong());
        assertEquals(10_000 - 120, account.get("balance").get("amount").asLong());
    }

    @Test
    void aJobWhoseLastOpenTaskExpiresPublishesJobCompletedOnce() throws Exception {
        String key = newBusiness(10_000);
        JsonNode job = readyJob(key, 2, 100);
        String jobId = job.get("id").asText();
        String submittedId = job.get("taskIds").get(0).asText();
        submitAs(newWorker().workerId(), submittedId);
        assertEquals(200, post("/v1/tasks/" + submittedId + "/approve", key, null).status());
        assertEquals(List.of(), eventTypes(key, jobId, "job.completed"), "the other task is still READY");
        expireNow(job);

        stack.fireSchedule("SweeperFunction", "EveryMinute");
        stack.fireSchedule("SweeperFunction", "EveryMinute");

        assertEquals(1, get("/v1/jobs/" + jobId, key).json().get("tasks").get("EXPIRED").asInt());
        assertEquals(List.of("job.completed"), eventTypes(key, jobId, "job.completed"),
                "the expiry closed the last open task; two sweeps publish it once");
    }

    /** The earliest expiry a job can have: just after its creation, and so already past. */
    private static void expireNow(JsonNode job) throws InterruptedException {
        setJobAttribute(job.get("id").asText(), "expiresAt", Instant.parse(job.get("createdAt").asText()).plusMillis(1).toString());
        Thread.sleep(5);
    }

    private static List<String> eventTypes(String key, String jobId, String type) {
        List<String> types = new ArrayList<>();
        get("/v1/jobs/" + jobId + "/events", key).json().get("items").forEach(event -> {
            if (event.get("type").asText().equals(type)) {
                types.add(type);
            }
        });
        return types;
    }

    @Test
    void overdueSubmissionsAreAutoApprovedAndPaidThenTheJobCompletes() throws Exception {
        String key = newBusiness(10_000);
        JsonNode job = readyJob(key, 2, 50);
        String jobId = job.get("id").asText();
        List<String> taskIds = new ArrayList<>();
        job.get("taskIds").forEach(id -> taskIds.add(id.asText()));
        taskIds.forEach(taskId -> submitAs(newWorker().workerId(), taskId));
        setJobAttribute(jobId, "autoApproveAfterSeconds", "1");
        Thread.sleep(1_100);

        stack.fireSchedule("SweeperFunction", "EveryMinute");

        taskIds.forEach(taskId -> await("task " + taskId + " paid", Duration.ofSeconds(20),
                () -> get("/v1/tasks/" + taskId, key).json().get("state").asText().equals("PAID")));
        stack.fireSchedule("SweeperFunction", "EveryMinute");
        assertEquals("COMPLETED", get("/v1/jobs/" + jobId, key).json().get("status").asText());
        assertTrue(jobStore.activeJobs().stream().noneMatch(active -> active.id().equals(jobId)));
    }

    /** Found by the chaos run: the sweeper ran between a job's creation and its tasks' write and completed it empty. */
    @Test
    void aJobWhoseTasksAreNotAllWrittenYetStaysOpen() throws Exception {
        String key = newBusiness(10_000);
        JsonNode job = readyJob(key, 2, 50);
        String jobId = job.get("id").asText();
        String hidden = job.get("taskIds").get(1).asText();
        // As if this task's write had not happened yet (or the job's task index lagged behind it).
        Map<String, AttributeValue> taskKey = Map.of("pk", AttributeValue.fromS("TASK#" + hidden), "sk", AttributeValue.fromS("TASK"));
        Map<String, AttributeValue> indexKeys = dynamo.getItem(g -> g.tableName(stack.tableName("MicrojobsTable")).key(taskKey)).item();
        dynamo.updateItem(u -> u.tableName(stack.tableName("MicrojobsTable")).key(taskKey).updateExpression("REMOVE gsi1pk"));
        String settled = job.get("taskIds").get(0).asText();
        submitAs(newWorker().workerId(), settled);
        assertEquals(200, post("/v1/tasks/" + settled + "/reject", key, Map.of("requeue", false)).status());

        stack.fireSchedule("SweeperFunction", "EveryMinute");

        assertEquals("OPEN", get("/v1/jobs/" + jobId, key).json().get("status").asText(), "one task is still to come");
        assertTrue(jobStore.activeJobs().stream().anyMatch(active -> active.id().equals(jobId)));
        dynamo.updateItem(u -> u.tableName(stack.tableName("MicrojobsTable")).key(taskKey)
                .updateExpression("SET gsi1pk = :pk").expressionAttributeValues(Map.of(":pk", indexKeys.get("gsi1pk"))));
        stack.fireSchedule("SweeperFunction", "EveryMinute");
        assertEquals("OPEN", get("/v1/jobs/" + jobId, key).json().get("status").asText(), "its task is READY");
    }

    private static JsonNode readyJob(String key, int count, long reward) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inputs.add(Map.of("text", "Invoice INV-" + i + " dated 2026-03-01 for EUR 120.00"));
        }
        Response created = post("/v1/jobs", key, Map.of(
                "type", "data-entry", "title", "Invoices", "instructions", "Copy the fields.",
                "reward", Map.of("amount", reward, "currency", "USD"),
                "draft", Map.of("provider", "none"),
                "inputs", inputs));
        assertEquals(201, created.status(), created.body());
        return created.json();
    }
    private static void setJobAttribute(String jobId, String attribute, String value) {
        AttributeValue stored = attribute.endsWith("Seconds") ? AttributeValue.fromN(value) : AttributeValue.fromS(value);
        dynamo.updateItem(u -> u.tableName(stack.tableName("MicrojobsTable"))
                .key(Map.of("pk", AttributeValue.fromS("JOB#" + jobId), "sk", AttributeValue.fromS("JOB")))
                .updateExpression("SET #a = :v")
                .expressionAttributeNames(Map.of("#a", attribute))
                .expressionAttributeValues(Map.of(":v", stored)));
    }
}
