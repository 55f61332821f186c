package dev.microjobs.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.local.LocalStack;
import dev.microjobs.local.lambda.EventJson;
import dev.microjobs.local.template.PseudoParameters;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Real things on the stack for the sample events to name: the demo business and worker (created by
 * the stack's {@code DemoAccounts} startup task), one job submitted through the business API and
 * drafted by the stack, and one of its events. The cold-started drafts and notifier functions thus
 * get a redelivery of a message the stack has already handled, which they must treat as done.
 */
final class StackSamples {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private StackSamples() {
    }

    /** Placeholder values for {@link SampleEvents}. */
    static Map<String, String> create(LocalStack stack) throws IOException, InterruptedException {
        Map<String, Object> credentials = stack.credentials();
        String businessKey = (String) credentials.get("businessApiKey");
        HttpClient http = HttpClient.newHttpClient();
        JsonNode job = send(http, HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/v1/jobs"))
                .header("authorization", "Bearer " + businessKey)
                .header("content-type", "application/json")
                .header("idempotency-key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"type": "tagline", "title": "Taglines for a coffee brand", "instructions": "Five short, upbeat taglines.",
                         "reward": {"amount": 25, "currency": "USD"},
                         "inputs": [{"brief": "Single-origin coffee roasted in small batches", "brand": "Torra"}]}"""))
                .build(), 201);
        String jobId = job.get("id").asText();
        String taskId = job.get("taskIds").get(0).asText();
        awaitDrafted(http, stack, businessKey, taskId);
        PseudoParameters account = PseudoParameters.LOCAL;
        Map<String, String> values = new LinkedHashMap<>();
        values.put("BUSINESS_API_KEY", businessKey);
        values.put("WORKER_TOKEN", (String) credentials.get("workerToken"));
        values.put("WORKER_ID", (String) credentials.get("workerId"));
        values.put("BUSINESS_ID", (String) credentials.get("businessId"));
        values.put("JOB_ID", jobId);
        values.put("TASK_ID", taskId);
        values.put("EVENT_ID", firstEvent(http, stack, businessKey, jobId));
        values.put("DRAFTS_QUEUE_ARN", stack.queues().get("DraftsQueue").arn());
        values.put("PAYOUTS_QUEUE_ARN", stack.queues().get("PayoutsQueue").arn());
        values.put("EVENTS_QUEUE_ARN", stack.queues().get("EventsQueue").arn());
        values.put("REGION", account.region());
        values.put("ACCOUNT_ID", account.accountId());
        return values;
    }

    private static void awaitDrafted(HttpClient http, LocalStack stack, String key, String taskId)
            throws IOException, InterruptedException {
        Instant until = Instant.now().plus(WAIT);
        while (!"READY".equals(get(http, stack, key, "/v1/tasks/" + taskId).path("state").asText())) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("task " + taskId + " was not drafted within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private static String firstEvent(HttpClient http, LocalStack stack, String key, String jobId)
            throws IOException, InterruptedException {
        Instant until = Instant.now().plus(WAIT);
        while (true) {
            for (JsonNode id : get(http, stack, key, "/v1/jobs/" + jobId + "/events").findValues("id")) {
                if (id.asText().startsWith("evt_")) {
                    return id.asText();
                }
            }
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("job " + jobId + " has no event after " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private static JsonNode get(HttpClient http, LocalStack stack, String key, String path) throws IOException, InterruptedException {
        return send(http, HttpRequest.newBuilder(URI.create(stack.apiUrl() + path)).header("authorization", "Bearer " + key).build(), 200);
    }

    private static JsonNode send(HttpClient http, HttpRequest request, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return EventJson.MAPPER.readTree(response.body());
    }
}
