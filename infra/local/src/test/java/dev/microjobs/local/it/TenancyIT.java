package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A business sees only its own jobs and tasks: another's is answered exactly like one that does
 * not exist, with nothing of it in the answer, and nothing of it changes.
 */
class TenancyIT extends BusinessApiTest {
    private static final String SECRET_TITLE = "Acme's unreleased product line";
    private static final String SECRET_BRIEF = "Codename Bluebird, launching in May";
    private static final String UNKNOWN_JOB = "job_01JD3Z7R8Q4W5E6R7T8Y9V0W1X";
    private static final String UNKNOWN_TASK = "task_01JD3Z7R8Q4W5E6R7T8Y9V0W1X";

    private static String owner;
    private static String ownerId;
    private static String intruder;
    private static String jobId;
    private static String taskId;

    @BeforeAll
    static void twoBusinesses() {
        owner = newBusiness(10_000);
        ownerId = account(owner).get("businessId").asText();
        intruder = newBusiness(10_000);
        ObjectNode body = taglineJob(2, 100);
        body.put("title", SECRET_TITLE);
        ((ObjectNode) body.get("inputs").get(0)).put("brief", SECRET_BRIEF);
        JsonNode created = submit(owner, body);
        jobId = created.get("id").asText();
        taskId = created.get("taskIds").get(0).asText();
        submitWork(taskId, newWorker().workerId(), JSON.getNodeFactory().textNode("Bluebird: fly first"));
        approve(taskId);
        submit(intruder, taglineJob(1, 100));
    }

    @Test
    void anotherBusinessesJobIsNotFound() {
        assertLikeUnknown("GET", "/v1/jobs/" + jobId, "/v1/jobs/" + UNKNOWN_JOB, Map.of());
        assertLikeUnknown("GET", "/v1/jobs/" + jobId + "/tasks", "/v1/jobs/" + UNKNOWN_JOB + "/tasks", Map.of());
        assertLikeUnknown("GET", "/v1/jobs/" + jobId + "/tasks?state=APPROVED",
                "/v1/jobs/" + UNKNOWN_JOB + "/tasks?state=APPROVED", Map.of());
        assertLikeUnknown("GET", "/v1/jobs/" + jobId + "/results", "/v1/jobs/" + UNKNOWN_JOB + "/results", Map.of());
        assertLikeUnknown("GET", "/v1/jobs/" + jobId + "/results", "/v1/jobs/" + UNKNOWN_JOB + "/results",
                Map.of("accept", "text/csv"));
        assertLikeUnknown("GET", "/v1/tasks/" + taskId, "/v1/tasks/" + UNKNOWN_TASK, Map.of());
    }

    @Test
    void anotherBusinessesJobCannotBeCancelled() {
        long ownerBalance = balance(owner);
        long intruderBalance = balance(intruder);

        assertLikeUnknown("POST", "/v1/jobs/" + jobId + "/cancel", "/v1/jobs/" + UNKNOWN_JOB + "/cancel", Map.of());

        JsonNode job = get("/v1/jobs/" + jobId, owner).json();
        assertEquals("OPEN", job.get("status").asText());
        assertEquals(1, job.get("tasks").get("READY").asInt());
        assertEquals(ownerBalance, balance(owner));
        assertEquals(intruderBalance, balance(intruder));
    }

    @Test
    void listingsHoldOnlyOnesOwnJobs() {
        List<String> mine = jobIds(intruder);
        assertEquals(1, mine.size());
        assertFalse(mine.contains(jobId));
        Response list = get("/v1/jobs", intruder);
        assertFalse(list.body().contains(SECRET_TITLE), list.body());
        assertFalse(list.body().contains(ownerId), list.body());
        assertEquals(List.of(jobId), jobIds(owner));
    }

    @Test
    void theOwnerStillSeesEverything() {
        assertEquals(SECRET_TITLE, get("/v1/jobs/" + jobId, owner).json().get("title").asText());
        assertEquals("APPROVED", get("/v1/tasks/" + taskId, owner).json().get("state").asText());
        assertEquals(1, get("/v1/jobs/" + jobId + "/results", owner).body().lines().count());
    }

    /** The intruder's answer for the owner's resource is the answer for a resource that does not exist. */
    private static void assertLikeUnknown(String method, String path, String unknownPath, Map<String, String> headers) {
        Response response = send(method, path, intruder, null, headers);
        JsonNode problem = assertProblem(response, 404);
        for (String secret : List.of(SECRET_TITLE, SECRET_BRIEF, ownerId, "Bluebird")) {
            assertFalse(response.body().contains(secret), path + " leaked " + secret + ": " + response.body());
        }
        JsonNode unknown = assertProblem(send(method, unknownPath, intruder, null, headers), 404);
        assertEquals(unknown.get("type"), problem.get("type"));
        assertEquals(unknown.get("title"), problem.get("title"));
        assertEquals(unknown.get("detail").asText().replace(UNKNOWN_JOB, "ID").replace(UNKNOWN_TASK, "ID"),
                problem.get("detail").asText().replace(jobId, "ID").replace(taskId, "ID"));
    }
}
