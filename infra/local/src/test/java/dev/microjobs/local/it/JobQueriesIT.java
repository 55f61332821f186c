package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading jobs and tasks back, paging through them, cancelling, and the OpenAPI document. */
class JobQueriesIT extends BusinessApiTest {

    @Test
    void aJobShowsItsTasksPerStateAndItsMoney() {
        String key = newBusiness(10_000);
        ObjectNode body = taglineJob(3, 100);
        body.put("callbackUrl", "https://93.184.216.34/hooks").putArray("skills").add("writing");
        JsonNode created = submit(key, body);

        Response response = get("/v1/jobs/" + created.get("id").asText(), key);
        assertEquals(200, response.status(), response.body());
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        JsonNode job = response.json();
        assertEquals(created.get("id"), job.get("id"));
        assertEquals("OPEN", job.get("status").asText());
        assertEquals("tagline", job.get("type").asText());
        assertEquals("Five short, upbeat taglines.", job.get("instructions").asText());
        assertEquals(3, job.get("taskCount").asInt());
        assertEquals(3, job.get("tasks").get("READY").asInt());
        assertEquals(0, job.get("tasks").get("APPROVED").asInt());
        assertEquals(360, job.get("money").get("held").get("amount").asLong());
        assertEquals(0, job.get("money").get("spent").get("amount").asLong());
        assertEquals("https://93.184.216.34/hooks", job.get("callbackUrl").asText());
        assertEquals("writing", job.get("skills").get(0).asText());
        assertEquals("none", job.get("draft").get("provider").asText());
    }

    @Test
    void aTaskShowsItsInputDraftAndTimings() {
        String key = newBusiness(10_000);
        JsonNode created = submit(key, taglineJob(1, 100));
        String taskId = created.get("taskIds").get(0).asText();

        JsonNode task = get("/v1/tasks/" + taskId, key).json();
        assertEquals(taskId, task.get("id").asText());
        assertEquals(created.get("id"), task.get("jobId"));
        assertEquals("READY", task.get("state").asText());
        assertEquals("Coffee roasted in small batches, batch 0", task.get("input").get("brief").asText());
        assertEquals(5, task.get("input").get("count").asInt(), "the default is filled in");
        assertEquals(100, task.get("reward").get("amount").asLong());
        assertNotNull(task.get("timings").get("createdAt"));

        String workerId = newWorker("writing").workerId();
        submitWork(taskId, workerId, JSON.createArrayNode().add("Small batches, big mornings."));
        JsonNode submitted = get("/v1/tasks/" + taskId, key).json();
        assertEquals("SUBMITTED", submitted.get("state").asText());
        assertEquals(workerId, submitted.get("submission").get("workerId").asText());
        assertNotNull(submitted.get("timings").get("submittedAt"));
    }

    @Test
    void theCursorWalksEveryJobNewestFirst() {
        String key = newBusiness(100_000);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(submit(key, taglineJob(1, 10)).get("id").asText());
        }

        List<String> listed = new ArrayList<>();
        String path = "/v1/jobs?limit=3";
        int pages = 0;
        while (path != null) {
            JsonNode page = get(path, key).json();
            assertTrue(page.get("items").size() <= 3, page.toString());
            page.get("items").forEach(job -> listed.add(job.get("id").asText()));
            path = page.get("nextCursor").isNull() ? null : "/v1/jobs?limit=3&cursor=" + page.get("nextCursor").asText();
            pages++;
        }
        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, listed);
        assertTrue(pages >= 3, "paged: " + pages);
        assertEquals(newestFirst, jobIds(key));
    }

    @Test
    void aCursorOfAnotherListingIsRefused() {
        String mine = newBusiness(10_000);
        String theirs = newBusiness(10_000);
        for (int i = 0; i < 2; i++) {
            submit(mine, taglineJob(1, 10));
            submit(theirs, taglineJob(1, 10));
        }
        String theirCursor = get("/v1/jobs?limit=1", theirs).json().get("nextCursor").asText();
        assertFieldError(get("/v1/jobs?limit=1&cursor=" + theirCursor, mine), "cursor");

        String myId = account(mine).get("businessId").asText();
        String myCursor = get("/v1/jobs?limit=1", mine).json().get("nextCursor").asText();
        assertEquals(200, get("/v1/jobs?limit=1&cursor=" + myCursor, mine).status());
        // Forged cursors in my own partition: missing or extra key parts, wrong types, not an object.
        for (String forged : List.of(
                "{\"gsi1pk\":\"BUSINESS#" + myId + "#JOBS\"}",
                "{\"gsi1pk\":\"BUSINESS#" + myId + "#JOBS\",\"gsi1sk\":\"x\"}",
                "{\"gsi1pk\":\"BUSINESS#" + myId + "#JOBS\",\"gsi1sk\":\"x\",\"pk\":\"JOB#x\",\"sk\":\"JOB\",\"gsi2pk\":\"1\"}",
                "{\"gsi1pk\":\"BUSINESS#" + myId + "#JOBS\",\"gsi1sk\":1,\"pk\":\"JOB#x\",\"sk\":\"JOB\"}",
                "[]")) {
            assertFieldError(get("/v1/jobs?cursor=" + base64(forged), mine), "cursor");
        }
        // A complete key in my own partition is just a place to start from: it shows only my jobs.
        Response fromAnywhere = get("/v1/jobs?cursor=" + base64("{\"gsi1pk\":\"BUSINESS#" + myId
                + "#JOBS\",\"gsi1sk\":\"job_9\",\"pk\":\"JOB#x\",\"sk\":\"JOB\"}"), mine);
        assertEquals(200, fromAnywhere.status(), fromAnywhere.body());
        assertEquals(2, fromAnywhere.json().get("items").size(), fromAnywhere.body());

        String jobId = submit(mine, taglineJob(3, 10)).get("id").asText();
        String taskCursor = get("/v1/jobs/" + jobId + "/tasks?limit=1", mine).json().get("nextCursor").asText();
        assertFieldError(get("/v1/jobs?cursor=" + taskCursor, mine), "cursor");
        String otherJob = submit(mine, taglineJob(3, 10)).get("id").asText();
        assertFieldError(get("/v1/jobs/" + otherJob + "/tasks?cursor=" + taskCursor, mine), "cursor");
        // A cursor of all tasks starts past the sort keys that a listing of one state allows.
        assertFieldError(get("/v1/jobs/" + jobId + "/tasks?state=CANCELLED&cursor=" + taskCursor, mine), "cursor");
    }

    @Test
    void tasksArePagedAndFilteredByState() {
        String key = newBusiness(10_000);
        JsonNode created = submit(key, taglineJob(5, 10));
        String jobId = created.get("id").asText();
        submitWork(created.get("taskIds").get(4).asText(), newWorker().workerId(), JSON.getNodeFactory().textNode("done"));

        List<String> all = new ArrayList<>();
        String path = "/v1/jobs/" + jobId + "/tasks?limit=2";
        while (path != null) {
            JsonNode page = get(path, key).json();
            page.get("items").forEach(task -> all.add(task.get("id").asText()));
            path = page.get("nextCursor").isNull() ? null
                    : "/v1/jobs/" + jobId + "/tasks?limit=2&cursor=" + page.get("nextCursor").asText();
        }
        List<String> expected = new ArrayList<>();
        created.get("taskIds").forEach(id -> expected.add(id.asText()));
        assertEquals(expected.stream().sorted().toList(), all.stream().sorted().toList());

        JsonNode submitted = get("/v1/jobs/" + jobId + "/tasks?state=SUBMITTED", key).json();
        assertEquals(1, submitted.get("items").size());
        assertEquals(expected.get(4), submitted.get("items").get(0).get("id").asText());
        assertEquals(4, get("/v1/jobs/" + jobId + "/tasks?state=ready", key).json().get("items").size());
        assertEquals(0, get("/v1/jobs/" + jobId + "/tasks?state=PAID", key).json().get("items").size());
    }

    @Test
    void cancellingReleasesTheEscrowOfWorkNotYetSubmitted() {
        long credit = 10_000;
        String key = newBusiness(credit);
        JsonNode created = submit(key, taglineJob(4, 100));   // 4 x 120
        String jobId = created.get("id").asText();
        String submittedTask = created.get("taskIds").get(0).asText();
        submitWork(submittedTask, newWorker().workerId(), JSON.getNodeFactory().textNode("my tagline"));

        Response cancelled = post("/v1/jobs/" + jobId + "/cancel", key, null);

        assertEquals(200, cancelled.status(), cancelled.body());
        JsonNode job = cancelled.json();
        assertEquals("CANCELLED", job.get("status").asText());
        assertEquals(3, job.get("tasks").get("CANCELLED").asInt());
        assertEquals(1, job.get("tasks").get("SUBMITTED").asInt(), "handed-in work is still reviewed");
        assertEquals(120, job.get("money").get("held").get("amount").asLong());
        assertEquals(360, job.get("money").get("released").get("amount").asLong());
        assertEquals("SUBMITTED", get("/v1/tasks/" + submittedTask, key).json().get("state").asText());
        assertEquals("CANCELLED", get("/v1/tasks/" + created.get("taskIds").get(1).asText(), key).json().get("state").asText());
        assertEquals(120, held(key));
        assertEquals(credit - 120, balance(key));

        Response again = post("/v1/jobs/" + jobId + "/cancel", key, null);
        assertEquals(200, again.status(), again.body());
        assertEquals(credit - 120, balance(key), "cancelling twice releases nothing more");
    }

    @Test
    void cancellingWhileTasksAreBeingDraftedLeavesThemCancelled() {
        long credit = 10_000;
        String key = newBusiness(credit);
        ObjectNode body = taglineJob(30, 10);
        body.putObject("draft").put("provider", "offline");
        JsonNode created = submit(key, body);
        String jobId = created.get("id").asText();

        Response cancelled = post("/v1/jobs/" + jobId + "/cancel", key, null);
        assertEquals(200, cancelled.status(), cancelled.body());

        // The drafts still in the queue arrive after the cancel; they must not revive a task.
        await("the drafts queue to drain", Duration.ofSeconds(30), () -> queueIsEmpty("DraftsQueue"));
        JsonNode job = get("/v1/jobs/" + jobId, key).json();
        assertEquals(30, job.get("tasks").get("CANCELLED").asInt(), job.toString());
        assertEquals(0, held(key));
        assertEquals(credit, balance(key));
    }

    @Test
    void theOpenApiDocumentIsServedWithoutAKey() throws IOException {
        Response response = get("/v1/openapi.yaml", null);

        assertEquals(200, response.status());
        assertTrue(response.contentType().startsWith("application/yaml"), response.contentType());
        try (InputStream resource = getClass().getResourceAsStream("/microjobs/openapi.yaml")) {
            assertEquals(new String(resource.readAllBytes(), StandardCharsets.UTF_8), response.body());
        }
        Map<String, Object> document = new Yaml().load(response.body());
        assertTrue(String.valueOf(document.get("openapi")).startsWith("3."), document.keySet().toString());
    }

    private static boolean queueIsEmpty(String logicalId) {
        Map<String, String> attributes = new HashMap<>();
        sqs.getQueueAttributes(g -> g.queueUrl(stack.queueUrl(logicalId)).attributeNamesWithStrings("All"))
                .attributesAsStrings().forEach(attributes::put);
        return "0".equals(attributes.get("ApproximateNumberOfMessages"))
                && "0".equals(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
