package dev.microjobs.drafts.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.aws.http.OutboundHttpClient;
import dev.microjobs.aws.webhooks.StandardWebhookSigner;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.drafts.DraftContent;
import dev.microjobs.core.drafts.DraftProvider;
import dev.microjobs.core.drafts.DraftProviderException;
import dev.microjobs.core.drafts.DraftRequest;
import dev.microjobs.core.drafts.DraftResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Lets a business draft with its own model: the task is POSTed, signed per Standard Webhooks,
 * to the job's webhook URL ({@link DraftRequest#webhookUrl()}), and the draft comes back in
 * the 2xx response as {@code {"draft": <string or JSON>}}.
 *
 * <p>The request body follows the Standard Webhooks payload shape:
 * {@code {"type": "task.draft_requested", "timestamp": ..., "data": {jobId, taskId, jobType,
 * title, instructions, input, prompt}}}. The URL must pass the {@link DestinationCheck} first,
 * and redirects are never followed ({@link OutboundHttpClient} never follows them), so a business
 * cannot bounce the platform onto an internal address.
 */
public final class WebhookDraftProvider implements DraftProvider {

    static final String EVENT_TYPE = "task.draft_requested";

    private final OutboundHttpClient http;
    private final DestinationCheck destinations;
    private final WebhookSecrets secrets;
    private final Duration timeout;
    private final Clock clock;

    public WebhookDraftProvider(OutboundHttpClient http, DestinationCheck destinations, WebhookSecrets secrets,
            Duration timeout, Clock clock) {
        this.http = http;
        this.destinations = destinations;
        this.secrets = secrets;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public DraftProviderName name() {
        return DraftProviderName.WEBHOOK;
    }

    @Override
    public DraftResult draft(DraftRequest request) {
        URI url = request.webhookUrl();
        if (url == null) {
            throw DraftProviderException.permanent("the job has no webhook URL to send the task to");
        }
        try {
            destinations.check(url);
        } catch (IllegalArgumentException e) {
            throw DraftProviderException.permanent("the webhook URL is not allowed: " + e.getMessage(), e);
        }
        String secret = secrets.secretFor(request.job().businessId()).orElseThrow(() ->
                DraftProviderException.permanent("the business has no webhook signing secret"));

        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        long timestamp = clock.instant().getEpochSecond();
        String body = body(request, timestamp);
        String signature;
        try {
            signature = StandardWebhookSigner.sign(secret, id, timestamp, body);
        } catch (IllegalArgumentException e) {
            throw DraftProviderException.permanent("the business's webhook secret is unusable: " + e.getMessage(), e);
        }
        HttpRequest post = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HttpCalls.send(http.get(), post, "the draft webhook");
        if (response.statusCode() / 100 != 2) {
            throw HttpCalls.failure(response, "the draft webhook");
        }
        JsonNode answer = HttpCalls.json(response.body(), "the draft webhook");
        return DraftResult.of(DraftContent.fromJson(request.type(), answer.path("draft")));
    }

    private static String body(DraftRequest request, long timestamp) {
        ObjectNode event = HttpCalls.JSON.createObjectNode();
        event.put("type", EVENT_TYPE);
        event.put("timestamp", Instant.ofEpochSecond(timestamp).toString());
        ObjectNode data = event.putObject("data");
        data.put("jobId", request.job().id());
        data.put("taskId", request.taskId());
        data.put("jobType", request.type().wireName());
        data.put("title", request.job().title());
        data.put("instructions", request.job().instructions());
        data.set("input", request.input());
        data.put("prompt", request.prompt());
        try {
            return HttpCalls.JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
