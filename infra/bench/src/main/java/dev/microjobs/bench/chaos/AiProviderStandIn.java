package dev.microjobs.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * An OpenAI-compatible Chat Completions API ({@code POST /v1/chat/completions}) for the drafts
 * function's {@code openai} provider: it insists on its API key, answers with a short draft and
 * token usage, and fails a share of calls. A failed draft is not a lost task: the task goes to a
 * worker without a draft.
 */
final class AiProviderStandIn extends FlakyProvider {

    private final String apiKey;
    private final AtomicLong drafts = new AtomicLong();
    private final AtomicLong refusedKeys = new AtomicLong();

    AiProviderStandIn(String apiKey, double failureShare, RandomGenerator random, Duration callerTimeout) throws IOException {
        super("/v1/chat/completions", failureShare, random, callerTimeout);
        this.apiKey = apiKey;
    }

    /** What to set {@code OpenAiBaseUrl} to. */
    String openAiBaseUrl() {
        return baseUrl() + "/v1";
    }

    long drafts() {
        return drafts.get();
    }

    /** Calls without the right key: a wrong or missing key in the stack's configuration. */
    long refusedKeys() {
        return refusedKeys.get();
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(body(exchange));
        if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            refusedKeys.incrementAndGet();
            send(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}");
            return;
        }
        String completion = completion(request.path("model").asText("gpt-4o-mini"));
        Fault fault = drawFault();
        if (fault != null) {
            fail(exchange, fault, completion);
            return;
        }
        drafts.incrementAndGet();
        send(exchange, 200, completion);
    }

    private static String completion(String model) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", "chatcmpl-chaos");
        answer.put("object", "chat.completion");
        answer.put("model", model);
        ObjectNode message = answer.putArray("choices").addObject().put("index", 0).putObject("message");
        message.put("role", "assistant");
        message.put("content", "Sales rose while costs fell, and the board approved a new plant. Hiring starts in May.");
        answer.putObject("usage").put("prompt_tokens", 120).put("completion_tokens", 24).put("total_tokens", 144);
        return answer.toString();
    }
}
