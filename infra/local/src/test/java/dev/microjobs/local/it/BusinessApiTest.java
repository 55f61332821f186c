package dev.microjobs.local.it;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.aws.dynamodb.DynamoTaskStore;
import dev.microjobs.aws.dynamodb.TableConfiguration;
import dev.microjobs.aws.dynamodb.TaskItems;
import dev.microjobs.core.domain.Claim;
import dev.microjobs.core.domain.DraftUse;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Submission;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;

import java.time.Clock;
import java.time.Instant;
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
    private static final IdGenerator IDS = new IdGenerator(Clock.systemUTC());
    /** JSON inside task items, configured like the functions' mapper (functions/aws application.properties). */
    private static final ObjectMapper FUNCTION_JSON = JsonMapper.builder()
            .findAndAddModules()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

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

    /**
     * Hands in {@code output} for a READY task as worker {@code workerId}: claims and submits it
     * through the task store, step by step, the way the review API does.
     */
    static Task submitWork(String taskId, String workerId, JsonNode output) {
        Task ready = storedTask(taskId);
        Instant claimedAt = Instant.now();
        Claim claim = new Claim(IDS.next(IdType.CLAIM), workerId, claimedAt, claimedAt.plusSeconds(600));
        Task claimed = move(ready, ready.claim(claim, claimedAt));
        Instant submittedAt = Instant.now();
        return move(claimed, claimed.submit(new Submission(claim.claimId(), workerId, output, DraftUse.DISCARDED,
                claimedAt, submittedAt, 42, 1.0), submittedAt));
    }

    /**
     * Approves a SUBMITTED task by writing the transition through the task store. This stands in
     * for the business's approve endpoint, which lands with the payouts issue; unlike that
     * endpoint it moves no money, so the account's held and spent amounts do not follow it.
     */
    static Task approve(String taskId) {
        Task submitted = storedTask(taskId);
        return move(submitted, submitted.transition(TaskState.APPROVED, Instant.now()));
    }

    static Task storedTask(String taskId) {
        return taskStore().findAll(List.of(taskId)).get(0);
    }

    private static Task move(Task before, Task after) {
        assertTrue(taskStore().transition(before, after), "moved " + before.id() + " to " + after.state());
        return after;
    }

    private static DynamoTaskStore taskStore() {
        TableConfiguration table = new TableConfiguration();
        table.setName(stack.tableName("MicrojobsTable"));
        return new DynamoTaskStore(dynamo, table, new TaskItems(FUNCTION_JSON));
    }
}
