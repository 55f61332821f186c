package dev.microjobs.local.it;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.microjobs.aws.sqs.DraftMessage;
import dev.microjobs.aws.webhooks.StandardWebhookSigner;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.ports.DraftQueue.DraftRequest;
import dev.microjobs.core.ports.TaskStore.Transition;
import dev.microjobs.core.ports.TaskStore.Transitions;
import dev.microjobs.drafts.DraftsHandler;
import dev.microjobs.local.http.LoopbackHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drafts function on the local stack: drafts from an OpenAI-compatible server (a real HTTP
 * server in this test), a failing provider never leaving tasks in DRAFTING, partial batch
 * failures, duplicate deliveries, and the dead-letter give-up.
 */
class DraftsIT extends StackTest {
    private static HttpServer openAi;
    private static final AtomicReference<String> MODE = new AtomicReference<>("ok");
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static volatile CountDownLatch release = new CountDownLatch(0);
    private static final AtomicReference<String> BUSINESS_SECRET = new AtomicReference<>();

    static Map<String, String> stackParameters() throws IOException {
        openAi = LoopbackHttpServer.create(0, 0);
        openAi.createContext("/business/draft", exchange -> {
            // The business's own endpoint for the webhook provider: answers only a correctly signed request.
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            long timestamp = Long.parseLong(exchange.getRequestHeaders().getFirst("webhook-timestamp"));
            boolean signed = BUSINESS_SECRET.get() != null && exchange.getRequestHeaders().getFirst("webhook-signature")
                    .contains(StandardWebhookSigner.sign(BUSINESS_SECRET.get(), id, timestamp, body));
            byte[] answer = (signed ? "{\"draft\": \"Drafted by the business: " + JSON.readTree(body).path("data")
                    .path("input").path("brief").asText() + "\"}" : "{\"error\": \"bad signature\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(signed ? 200 : 401, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        openAi.createContext("/v1/chat/completions", exchange -> {
            CALLS.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            String body;
            int status;
            switch (MODE.get()) {
                case "fail" -> {
                    status = 500;
                    body = "{\"error\":{\"message\":\"overloaded\"}}";
                }
                case "hang" -> {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    status = 500;
                    body = "{}";
                }
                default -> {
                    status = 200;
                    body = """
                            {"id":"chatcmpl-1","model":"stub-model","choices":[{"index":0,"message":{"role":"assistant",
                            "content":"[\\"Roasted in Lisbon, poured everywhere\\", \\"Small batches, big mornings\\"]"},
                            "finish_reason":"stop"}],"usage":{"prompt_tokens":50,"completion_tokens":12,"total_tokens":62}}""";
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        // A hanging request must not hold up the others, so each gets a thread of its own.
        openAi.setExecutor(Executors.newCachedThreadPool());
        openAi.start();
        return Map.of(
                "OpenAiBaseUrl", "http://127.0.0.1:" + openAi.getAddress().getPort() + "/v1",
                "OpenAiModel", "stub-model",
                "DraftTimeout", "2s");
    }

    @AfterAll
    static void stopOpenAi() {
        release.countDown();
        openAi.stop(0);
    }

    @BeforeEach
    void healthyProvider() {
        MODE.set("ok");
    }

    @Test
    void draftsWithAnOpenAiCompatibleServerAndRecordsTheSpend() {
        String key = newBusiness(10_000);
        JsonNode job = submit(key, "openai", 1);
        String taskId = job.get("taskIds").get(0).asText();

        await("the task to be drafted", Duration.ofSeconds(20), () -> state(key, taskId).equals("READY"));

        JsonNode draft = get("/v1/tasks/" + taskId, key).json().get("draft");
        assertEquals("openai", draft.get("provider").asText());
        assertEquals("stub-model", draft.get("model").asText());
        assertEquals("Small batches, big mornings", draft.get("content").get(1).asText());
        assertEquals(50, draft.get("inputTokens").asLong());
        JsonNode spend = get("/v1/jobs/" + job.get("id").asText(), key).json().get("draft");
        assertEquals(1, spend.get("drafts").asLong());
        assertEquals(50, spend.get("inputTokens").asLong());
        assertEquals(12, spend.get("outputTokens").asLong());
    }

    @Test
    void draftsThroughTheBusinessesOwnSignedWebhook() {
        String key = newBusiness(10_000);
        Response secret = post("/v1/account/webhook-secret", key, null);
        assertEquals(201, secret.status(), secret.body());
        BUSINESS_SECRET.set(secret.json().get("secret").asText());
        String url = "http://127.0.0.1:" + openAi.getAddress().getPort() + "/business/draft";
        Response created = post("/v1/jobs", key, Map.of(
                "type", "tagline", "title", "Taglines", "instructions", "Short and upbeat.",
                "reward", Map.of("amount", 25, "currency", "USD"),
                "draft", Map.of("provider", "webhook", "url", url),
                "inputs", List.of(Map.of("brief", "Trail shoes for wet rock"))));
        assertEquals(201, created.status(), created.body());
        String taskId = created.json().get("taskIds").get(0).asText();

        await("the task to be drafted", Duration.ofSeconds(20), () -> state(key, taskId).equals("READY"));

        JsonNode draft = get("/v1/tasks/" + taskId, key).json().get("draft");
        assertEquals("webhook", draft.get("provider").asText());
        assertEquals("Drafted by the business: Trail shoes for wet rock", draft.get("content").asText(), draft.toString());
    }

    @Test
    void aFailingProviderStillMakesTheTaskReadyWithTheReason() {
        MODE.set("fail");
        String key = newBusiness(10_000);
        String taskId = submit(key, "openai", 1).get("taskIds").get(0).asText();

        await("the task to give up on its draft", Duration.ofSeconds(30), () -> state(key, taskId).equals("READY"));

        JsonNode draft = get("/v1/tasks/" + taskId, key).json().get("draft");
        assertTrue(draft.get("content").isNull());
        assertTrue(draft.get("reason").asText().contains("500"), draft.toString());
    }

    @Test
    void aPoisonedMessageFailsOnlyItself() {
        String key = newBusiness(10_000);
        JsonNode job = awaitDrafted(key, submit(key, "offline", 2));
        String valid = DraftMessage.write(List.of(new DraftRequest(job.get("id").asText(), 0, List.of(job.get("taskIds").get(0).asText()))));

        SQSBatchResponse response = handle(false, valid, "{not json", "{\"jobId\":\"job_nope\",\"inputIndex\":0,\"taskIds\":[]}");

        assertEquals(List.of("m1", "m2"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    @Test
    void theSameMessageDeliveredTwiceLeavesOneDraftAndOneStateChangePerInput() {
        String key = newBusiness(10_000);
        JsonNode job = awaitDrafted(key, submit(key, "offline", 2));
        String jobId = job.get("id").asText();
        List<String> taskIds = List.of(job.get("taskIds").get(0).asText(), job.get("taskIds").get(1).asText());
        List<JsonNode> before = taskIds.stream().map(id -> get("/v1/tasks/" + id, key).json()).toList();
        String message = DraftMessage.write(List.of(new DraftRequest(jobId, 0, List.of(taskIds.get(0))),
                new DraftRequest(jobId, 1, List.of(taskIds.get(1)))));

        assertTrue(handle(false, message, message).getBatchItemFailures().isEmpty());

        assertEquals(before, taskIds.stream().map(id -> get("/v1/tasks/" + id, key).json()).toList());
        assertEquals(2, get("/v1/jobs/" + jobId, key).json().get("draft").get("drafts").asLong());
    }

    @Test
    void aJobOfMoreInputsThanOneBatchOfStatementsIsDraftedWithOneEventPerTask() {
        String key = newBusiness(100_000);
        JsonNode job = awaitDrafted(key, submit(key, "offline", 30));
        String jobId = job.get("id").asText();

        await("30 task.drafted events", Duration.ofSeconds(20), () -> drafted(key, jobId) >= 30);
        assertEquals(30, drafted(key, jobId));
        assertEquals(30, get("/v1/jobs/" + jobId + "/tasks?state=READY&limit=100", key).json().get("items").size(),
                "each task's index entry moved with its state");
    }

    @Test
    void transitionsInOneBatchApplyEachOnItsOwnAndATaskThatMovedOnStaysAsItIs() {
        String key = newBusiness(100_000);
        List<Task> ready = readyTasks(key, 30, 25).stream().map(id -> jobStore.findTask(id).orElseThrow()).toList();
        Instant now = Instant.now();
        Task cancelled = ready.get(3).transition(TaskState.CANCELLED, now);
        assertTrue(taskStore.transition(ready.get(3), cancelled));
        List<Transition> transitions = ready.stream()
                .map(task -> new Transition(task, task.transition(TaskState.EXPIRED, now))).toList();

        Transitions written = taskStore.transitionAll(transitions);

        assertEquals(Map.of(), written.unwritten());
        assertEquals(29, written.applied().size());
        assertFalse(written.applied().contains(cancelled.id()));
        for (Transition transition : transitions) {
            Task expected = transition.taskId().equals(cancelled.id()) ? cancelled : transition.after();
            assertEquals(expected, jobStore.findTask(transition.taskId()).orElseThrow());
        }
        Map<String, AttributeValue> expired = dynamo.getItem(g -> g.tableName(stack.tableName("MicrojobsTable"))
                .key(Map.of("pk", AttributeValue.fromS("TASK#" + ready.get(0).id()), "sk", AttributeValue.fromS("TASK")))).item();
        assertEquals("EXPIRED#" + ready.get(0).id(), expired.get("gsi1sk").s());
        assertFalse(expired.containsKey("gsi2pk"), "out of the review queue");
        assertEquals(new Transitions(Set.of(), Map.of()), taskStore.transitionAll(transitions), "sent again, nothing applies");
    }

    @Test
    void aDeadLetteredRequestMakesItsTasksReadyWithoutADraft() {
        release = new CountDownLatch(1);
        MODE.set("hang");
        String key = newBusiness(10_000);
        JsonNode job = submit(key, "openai", 1);
        String taskId = job.get("taskIds").get(0).asText();
        assertEquals("DRAFTING", state(key, taskId));

        SQSBatchResponse response = handle(true,
                DraftMessage.write(List.of(new DraftRequest(job.get("id").asText(), 0, List.of(taskId)))));
        release.countDown();

        assertTrue(response.getBatchItemFailures().isEmpty());
        JsonNode task = get("/v1/tasks/" + taskId, key).json();
        assertEquals("READY", task.get("state").asText());
        assertTrue(task.get("draft").get("reason").asText().contains("ready without an AI draft"), task.toString());
    }

    /** Calls a drafts handler created as Lambda creates it, with one batch of messages m0, m1, ... */
    private static SQSBatchResponse handle(boolean fromDeadLetterQueue, String... bodies) {
        String queue = fromDeadLetterQueue ? "DraftsDeadLetterQueue" : "DraftsQueue";
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + i);
            message.setBody(bodies[i]);
            message.setEventSourceArn(stack.queues().get(queue).arn());
            message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            records.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        try (DraftsHandler handler = new DraftsHandler()) {
            return handler.handleRequest(event, null);
        }
    }

    private static JsonNode submit(String key, String provider, int inputs) {
        List<Map<String, Object>> briefs = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            briefs.add(Map.of("brief", "Single-origin coffee roasted in small batches in Lisbon, batch " + i));
        }
        Response created = post("/v1/jobs", key, Map.of(
                "type", "tagline", "title", "Taglines", "instructions", "Short and upbeat.",
                "reward", Map.of("amount", 25, "currency", "USD"),
                "draft", Map.of("provider", provider),
                "inputs", briefs));
        assertEquals(201, created.status(), created.body());
        return created.json();
    }

    private static JsonNode awaitDrafted(String key, JsonNode job) {
        job.get("taskIds").forEach(id -> await("task " + id.asText() + " drafted", Duration.ofSeconds(20),
                () -> state(key, id.asText()).equals("READY")));
        return job;
    }

    private static long drafted(String key, String jobId) {
        JsonNode events = get("/v1/jobs/" + jobId + "/events", key).json().get("items");
        long drafted = 0;
        for (JsonNode event : events) {
            drafted += event.get("type").asText().equals("task.drafted") ? 1 : 0;
        }
        return drafted;
    }

    private static String state(String key, String taskId) {
        return get("/v1/tasks/" + taskId, key).json().get("state").asText();
    }
}
