package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every class of bad input to the business API gets a 4xx problem naming what is wrong, and
 * changes nothing: after each refused request the balance is whole, nothing is held, no job is
 * listed. Nothing a client sends produces a 500.
 */
class BadInputIT extends BusinessApiTest {
    private static final long CREDIT = 50_000;
    private static String key;

    @BeforeAll
    static void business() {
        key = newBusiness(CREDIT);
    }

    @AfterEach
    void nothingWasWrittenOrHeld() {
        JsonNode account = account(key);
        assertEquals(CREDIT, account.get("balance").get("amount").asLong(), account.toString());
        assertEquals(0, account.get("held").get("amount").asLong(), account.toString());
        assertEquals(List.of(), jobIds(key));
    }

    static Stream<Arguments> badJobs() {
        return Stream.of(
                bad("type", job -> job.remove("type")),
                bad("type", job -> job.put("type", "poem")),
                bad("type", job -> job.put("type", 7)),
                bad("title", job -> job.remove("title")),
                bad("title", job -> job.put("title", "")),
                bad("title", job -> job.put("title", "x".repeat(201))),
                bad("title", job -> job.put("title", "nul \u0000 inside")),
                bad("instructions", job -> job.put("instructions", "x".repeat(20_001))),
                bad("instructions", job -> job.putArray("instructions").add("a")),
                bad("colour", job -> job.put("colour", "blue")),
                bad("reward", job -> job.remove("reward")),
                bad("reward", job -> job.put("reward", 25)),
                bad("reward.amount", job -> reward(job).put("amount", 0)),
                bad("reward.amount", job -> reward(job).put("amount", -25)),
                bad("reward.amount", job -> reward(job).put("amount", 2.5)),
                bad("reward.amount", job -> reward(job).put("amount", 25.0)),
                bad("reward.amount", job -> reward(job).put("amount", "25")),
                bad("reward.amount", job -> reward(job).put("amount", 100_000_001L)),
                bad("reward.amount", job -> reward(job).put("amount", Long.MAX_VALUE)),
                bad("reward.amount", job -> reward(job).put("amount", new java.math.BigInteger("9".repeat(40)))),
                bad("reward.currency", job -> reward(job).put("currency", "ABC")),
                bad("reward.currency", job -> reward(job).put("currency", "usd")),
                bad("reward.currency", job -> reward(job).put("currency", "EUR")),
                bad("reward.currency", job -> reward(job).put("currency", "XAU")),
                bad("reward.tip", job -> reward(job).put("tip", 5)),
                bad("assignments", job -> job.put("assignments", 0)),
                bad("assignments", job -> job.put("assignments", 1.5)),
                bad("assignments", job -> job.put("assignments", "two")),
                bad("expiresInSeconds", job -> job.put("expiresInSeconds", 10)),
                bad("expiresInSeconds", job -> job.put("expiresInSeconds", Long.MAX_VALUE)),
                bad("autoApproveAfterSeconds", job -> job.put("autoApproveAfterSeconds", -1)),
                bad("leaseSeconds", job -> job.put("leaseSeconds", 99_999)),
                bad("skills", job -> job.put("skills", "writing")),
                bad("skills[0]", job -> job.putArray("skills").add("Not A Skill")),
                bad("draft", job -> job.put("draft", "offline")),
                bad("draft.provider", job -> draft(job).put("provider", "gpt-5")),
                bad("draft.provider", job -> draft(job).put("provider", 1)),
                bad("draft.url", job -> draft(job).put("provider", "webhook")),
                bad("draft.url", job -> draft(job).put("provider", "webhook").put("url", "http://169.254.169.254/draft")),
                bad("draft.url", job -> draft(job).put("provider", "offline").put("url", "https://93.184.216.34/draft")),
                bad("draft.maxTokens", job -> draft(job).put("provider", "offline").put("maxTokens", 0)),
                bad("draft.prompt", job -> draft(job).put("provider", "offline").put("prompt", "p".repeat(8_001))),
                bad("callbackUrl", job -> job.put("callbackUrl", "ftp://hooks.example.com/done")),
                bad("callbackUrl", job -> job.put("callbackUrl", "not a url")),
                bad("callbackUrl", job -> job.put("callbackUrl", "http://169.254.169.254/latest/meta-data/")),
                bad("callbackUrl", job -> job.put("callbackUrl", "http://10.0.0.1/hooks")),
                bad("callbackUrl", job -> job.put("callbackUrl", "https://192.168.1.20/hooks")),
                bad("callbackUrl", job -> job.put("callbackUrl", "http://172.16.0.1/hooks")),
                bad("callbackUrl", job -> job.put("callbackUrl", "http://[fe80::1]/hooks")),
                bad("callbackUrl", job -> job.put("callbackUrl", "http://metadata.google.internal/")),
                bad("callbackUrl", job -> job.put("callbackUrl", "http://user:secret@93.184.216.34/hooks")),
                bad("callbackUrl", job -> job.put("callbackUrl", 42)),
                bad("inputs", job -> job.remove("inputs")),
                bad("inputs", job -> job.putArray("inputs")),
                bad("inputs", job -> job.put("inputs", "brief")),
                bad("inputs", job -> job.set("inputs", taglineJob(1001, 25).get("inputs"))),
                bad("inputs", job -> job.put("assignments", 3).set("inputs", taglineJob(334, 25).get("inputs"))),
                bad("inputs[0]", job -> inputs(job).removeAll().add(5)),
                bad("inputs[0].brief", job -> input(job).remove("brief")),
                bad("inputs[0].brief", job -> input(job).put("brief", "b".repeat(4_001))),
                bad("inputs[0].count", job -> input(job).put("count", 21)),
                bad("inputs[0].mood", job -> input(job).put("mood", "happy")),
                bad("inputs[1].brief", job -> inputs(job).addObject().put("brief", 3)),
                typed("summary", "inputs[0].text", Map.of("format", "summary")),
                typed("summary", "inputs[0].format", Map.of("text", "A report.", "format", "poem")),
                typed("image-tagging", "inputs[0].imageUrl", Map.of()),
                typed("image-tagging", "inputs[0].imageUrl", Map.of("imageUrl", "file:///etc/passwd")),
                typed("image-tagging", "inputs[0].imageUrl", Map.of("imageUrl", "http://169.254.169.254/cat.png")),
                typed("image-tagging", "inputs[0].imageUrl", Map.of("imageUrl", "http://10.1.2.3/cat.png")),
                typed("image-tagging", "inputs[0].imageUrl", Map.of("imageUrl", "http://[::ffff:10.0.0.1]/cat.png")),
                typed("image-tagging", "inputs[0].labels", Map.of("imageUrl", "http://93.184.216.34/cat.png", "labels", "cat")),
                typed("transcription", "inputs[0].audioUrl", Map.of("audioUrl", "javascript:alert(1)")),
                typed("transcription", "inputs[0].language", Map.of("audioUrl", "http://93.184.216.34/a.mp3", "language", "not a tag!")),
                typed("chatbot-qa", "inputs[0].text", Map.of("question", "How do I reset my password?")),
                typed("chatbot-qa", "inputs[0].question", Map.of("question", 12, "text", "The manual.")),
                typed("data-entry", "inputs[0]", Map.of()),
                typed("data-entry", "inputs[0]", Map.of("text", "Invoice 42", "documentUrl", "http://93.184.216.34/i.pdf")),
                typed("data-entry", "inputs[0].documentUrl", Map.of("documentUrl", "http://192.168.0.10/i.pdf")),
                typed("data-entry", "inputs[0].fields[0]", Map.of("text", "Invoice 42", "fields", List.of("total amount"))),
                Arguments.of("custom inputs nested too deep", "inputs[0]" + ".next".repeat(20), (Consumer<ObjectNode>) job -> {
                    job.put("type", "custom");
                    ObjectNode deep = JSON.createObjectNode();
                    ObjectNode level = deep;
                    for (int i = 0; i < 30; i++) {
                        level = level.putObject("next");
                    }
                    inputs(job).removeAll().add(deep);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badJobs")
    void aBadJobIsRefusedNamingItsField(String description, String field, Consumer<ObjectNode> change) {
        ObjectNode job = taglineJob(1, 25);
        change.accept(job);
        JsonNode problem = assertFieldError(post("/v1/jobs", key, job), field);
        assertEquals("urn:microjobs:problem:validation-failed", problem.get("type").asText());
    }

    @Test
    void everyMistakeIsNamedAtOnce() {
        ObjectNode job = taglineJob(1, 25);
        job.put("title", "").put("assignments", 0);
        reward(job).put("amount", -1);
        input(job).remove("brief");
        JsonNode problem = assertProblem(post("/v1/jobs", key, job), 400);
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertTrue(fields.containsAll(List.of("title", "assignments", "reward.amount", "inputs[0].brief")), fields.toString());
    }

    @ParameterizedTest(name = "body [{0}]")
    @ValueSource(strings = {"{", "{\"type\": \"tagline\",}", "[]", "\"job\"", "null", "",
            "{\"type\": \"tagline\", \"type\": \"summary\"}", "{\"title\": \"\\ud800\"}"})
    void unreadableBodiesAreMalformedRequests(String body) {
        JsonNode problem = assertProblem(send("POST", "/v1/jobs", key, body, Map.of("content-type", "application/json")), 400);
        assertTrue(problem.get("detail").asText().length() < 500, "a short detail, no stack trace: " + problem);
    }

    @Test
    void deeplyNestedAndHugeNumbersAreClientErrors() {
        assertProblem(post("/v1/jobs", key, "[".repeat(5_000) + "]".repeat(5_000)), 400);
        String deepObject = "{\"title\":" + "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000) + "}";
        assertProblem(post("/v1/jobs", key, deepObject), 400);
        String longNumber = taglineJob(1, 25).toString().replace("\"amount\":25", "\"amount\":" + "7".repeat(5_000));
        assertProblem(post("/v1/jobs", key, longNumber), 400);
    }

    @Test
    void aBodyOver256KiBIsTooLarge() {
        ObjectNode job = taglineJob(1, 25);
        job.put("instructions", "x".repeat(256 * 1024));
        Response response = post("/v1/jobs", key, job);
        JsonNode problem = assertProblem(response, 413);
        assertEquals("urn:microjobs:problem:payload-too-large", problem.get("type").asText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x"})
    void onlyJsonIsAccepted(String contentType) {
        Response response = send("POST", "/v1/jobs", key, taglineJob(1, 25).toString(), Map.of("content-type", contentType));
        JsonNode problem = assertProblem(response, 415);
        assertEquals("urn:microjobs:problem:unsupported-media-type", problem.get("type").asText());
    }

    @Test
    void jsonWithACharsetIsFine() {
        // The one request here that is accepted, to show the refusals above are about what they say.
        String other = newBusiness(1_000);
        Response response = send("POST", "/v1/jobs", other, taglineJob(1, 25).toString(),
                Map.of("content-type", "application/json; charset=utf-8"));
        assertEquals(201, response.status(), response.body());
    }

    @Test
    void aBadIdempotencyKeyIsRefused() {
        for (String idempotencyKey : List.of("with space", "tab\there", "k".repeat(256))) {
            Response response = send("POST", "/v1/jobs", key, taglineJob(1, 25), idempotencyKey(idempotencyKey));
            assertEquals(400, response.status(), "[" + idempotencyKey + "] " + response.body());
            assertFieldError(response, "Idempotency-Key");
        }
    }

    static Stream<Arguments> everyRoute() {
        return Stream.of(
                Arguments.of("POST", "/v1/jobs"),
                Arguments.of("GET", "/v1/jobs"),
                Arguments.of("GET", "/v1/jobs/job_01JD3Z7R8Q4W5E6R7T8Y9V0W1X"),
                Arguments.of("POST", "/v1/jobs/job_01JD3Z7R8Q4W5E6R7T8Y9V0W1X/cancel"),
                Arguments.of("GET", "/v1/jobs/job_01JD3Z7R8Q4W5E6R7T8Y9V0W1X/tasks"),
                Arguments.of("GET", "/v1/jobs/job_01JD3Z7R8Q4W5E6R7T8Y9V0W1X/results"),
                Arguments.of("GET", "/v1/tasks/task_01JD3Z7R8Q4W5E6R7T8Y9V0W1X"),
                Arguments.of("GET", "/v1/account"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyRoute")
    void withoutAValidKeyEveryRouteIs401(String method, String path) {
        String worker = newWorker("writing").token();
        String body = method.equals("POST") ? taglineJob(1, 25).toString() : null;
        for (Map<String, String> authorization : List.of(
                Map.<String, String>of(),
                Map.of("authorization", "Bearer mjb_" + "A".repeat(43)),
                Map.of("authorization", "Bearer " + worker),
                Map.of("authorization", "Basic " + key),
                Map.of("authorization", key),
                Map.of("authorization", "Bearer " + key + "x"),
                Map.of("authorization", "Bearer " + "mjb_" + "x".repeat(5_000)))) {
            Response response = send(method, path, null, body, authorization);
            JsonNode problem = assertProblem(response, 401);
            assertEquals("Bearer", response.headers().get("www-authenticate"), authorization.toString());
            assertFalse(problem.toString().contains(key), "never echoes a key");
        }
    }

    @Test
    void badQueryParametersAreNamed() {
        assertFieldError(get("/v1/jobs?limit=0", key), "limit");
        assertFieldError(get("/v1/jobs?limit=101", key), "limit");
        assertFieldError(get("/v1/jobs?limit=ten", key), "limit");
        assertFieldError(get("/v1/jobs?cursor=not-a-cursor", key), "cursor");
        assertFieldError(get("/v1/jobs?cursor=" + "A".repeat(3_000), key), "cursor");
        String other = newBusiness(1_000);
        String jobId = submit(other, taglineJob(1, 25)).get("id").asText();
        assertFieldError(get("/v1/jobs/" + jobId + "/tasks?state=FINISHED", other), "state");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/v1/jobs/nope", "/v1/jobs/job_", "/v1/jobs/task_01JD3Z7R8Q4W5E6R7T8Y9V0W1X",
            "/v1/jobs/job_01JD3Z7R8Q4W5E6R7T8Y9V0W1X", "/v1/jobs/%E2%98%83", "/v1/tasks/job_01JD3Z7R8Q4W5E6R7T8Y9V0W1X",
            "/v1/tasks/%00", "/v1/jobs/nope/tasks", "/v1/jobs/nope/results"})
    void unknownIdsAreNotFound(String path) {
        JsonNode problem = assertProblem(get(path, key), 404);
        assertFalse(problem.get("detail").asText().chars().anyMatch(c -> c < 0x20), problem.toString());
    }

    /** A tagline job changed by {@code change}, refused on {@code field}; named by what the field became. */
    private static Arguments bad(String field, Consumer<ObjectNode> change) {
        ObjectNode job = taglineJob(1, 25);
        change.accept(job);
        JsonNode value = job.at("/" + field.replace(".", "/").replace("[", "/").replace("]", ""));
        String shown = value.isMissingNode() ? "missing" : value.toString();
        return Arguments.of(field + " " + (shown.length() > 60 ? shown.substring(0, 60) + "..." : shown), field, change);
    }

    /** A job of {@code type} whose one input is {@code input}, refused on {@code field}. */
    private static Arguments typed(String type, String field, Map<String, Object> input) {
        Consumer<ObjectNode> change = job -> {
            job.put("type", type);
            inputs(job).removeAll().add(JSON.valueToTree(input));
        };
        return Arguments.of(type + " " + input, field, change);
    }

    private static ObjectNode reward(ObjectNode job) {
        return (ObjectNode) job.get("reward");
    }

    private static ObjectNode draft(ObjectNode job) {
        return (ObjectNode) job.get("draft");
    }

    private static ArrayNode inputs(ObjectNode job) {
        return (ArrayNode) job.get("inputs");
    }

    private static ObjectNode input(ObjectNode job) {
        return (ObjectNode) inputs(job).get(0);
    }
}
