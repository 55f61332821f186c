package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.domain.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the business API tests share: job bodies to start from, reading the account and the job
 * list, and checking that a refused request answered with a problem naming its field.
 */
abstract class BusinessApiTest extends StackTest {
    /** The platform fee of the template's default: 2000 basis points. */
    static final long FEE_BPS = 2000;

    /** A tagline job of {@code inputs} tasks paying {@code reward} cents each, ready at once (no AI draft). */
    static ObjectNode taglineJob(int inputs, long reward) {
        ObjectNode job = JSON.createObjectNode()
                .put("type", "tagline")
                .put("title", "Taglines for a coffee brand")
                .put("instructions", "Five short, upbeat taglines.");
        job.putObject("reward").put("amount", reward).put("currency", "USD");
        job.putObject("draft").put("provider", "none");
        ArrayNode list = job.putArray("inputs");
        for (int i = 0; i < inputs; i++) {
            list.addObject().put("brief", "Coffee roasted in small batches, batch " + i);
        }
        return job;
    }

    /** What a job of {@code tasks} tasks at {@code reward} holds: reward plus fee, rounded half up, per task. */
    static long hold(int tasks, long reward) {
        long fee = (reward * FEE_BPS + 5_000) / 10_000;
        return tasks * (reward + fee);
    }

    static JsonNode submit(String key, Object body) {
        Response created = post("/v1/jobs", key, body);
        assertEquals(201, created.status(), created.body());
        return created.json();
    }

    static JsonNode account(String key) {
        Response account = get("/v1/account", key);
        assertEquals(200, account.status(), account.body());
        return account.json();
    }

    static long balance(String key) {
        return account(key).get("balance").get("amount").asLong();
    }

    static long held(String key) {
        return account(key).get("held").get("amount").asLong();
    }

    /** Every job of the business, following the cursors. */
    static List<String> jobIds(String key) {
        List<String> ids = new ArrayList<>();
        String cursor = "";
        do {
            Response page = get("/v1/jobs?limit=100" + (cursor.isEmpty() ? "" : "&cursor=" + cursor), key);
            assertEquals(200, page.status(), page.body());
            page.json().get("items").forEach(job -> ids.add(job.get("id").asText()));
            cursor = page.json().get("nextCursor").isNull() ? "" : page.json().get("nextCursor").asText();
        } while (!cursor.isEmpty());
        return ids;
    }

    /** A problem+json answer with this status; returns it for further checks. */
    static JsonNode assertProblem(Response response, int status) {
        assertEquals(status, response.status(), response.body());
        assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
        JsonNode problem = response.json();
        assertEquals(status, problem.get("status").asInt(), response.body());
        assertTrue(problem.get("type").asText().startsWith("urn:microjobs:problem:"), response.body());
        return problem;
    }

    /** A 400 validation problem whose {@code errors} name {@code field}. */
    static JsonNode assertFieldError(Response response, String field) {
        JsonNode problem = assertProblem(response, 400);
        for (JsonNode error : problem.path("errors")) {
            if (error.get("field").asText().equals(field)) {
                return problem;
            }
        }
        return fail("no error on " + field + ": " + response.body());
    }

    static Map<String, String> idempotencyKey(String key) {
        return Map.of("idempotency-key", key);
    }

    /** Hands in {@code output} for a READY task as worker {@code workerId}. */
    static Task submitWork(String taskId, String workerId, JsonNode output) {
        return submitAs(workerId, taskId, output);
    }

    /** Approves a SUBMITTED task through the ledger, as the approve endpoint does, without paying it out. */
    static Task approve(String taskId) {
        return approveWithoutPayoutMessage(storedTask(taskId));
    }

    static Task storedTask(String taskId) {
        return taskStore.findAll(List.of(taskId)).get(0);
    }
}
