package dev.microjobs.drafts.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.aws.http.OutboundHttpClient;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.drafts.DraftContent;
import dev.microjobs.core.drafts.DraftProvider;
import dev.microjobs.core.drafts.DraftProviderException;
import dev.microjobs.core.drafts.DraftRequest;
import dev.microjobs.core.drafts.DraftResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drafts with an OpenAI-compatible Chat Completions API: {@code POST {baseUrl}/chat/completions}
 * with a system and a user message, reading {@code choices[0].message.content} and the token
 * usage. JSON drafts are parsed leniently by {@link DraftContent}.
 *
 * <p>JSON mode is requested only for data entry: it forces a JSON object, which is what that
 * type wants, while taglines are an array, which JSON mode cannot produce. Some compatible
 * servers (LM Studio) reject {@code json_object} with a 400; the call is then made again at
 * once without it, and this provider stops asking.
 */
public final class OpenAiDraftProvider implements DraftProvider {

    static final String SYSTEM_PROMPT = "You write first drafts of small tasks for human workers, who review and "
            + "edit them. Follow the task's instructions and return exactly the output format it asks for.";

    private final OpenAiSettings settings;
    private final OutboundHttpClient http;
    private final AtomicBoolean jsonModeRejected = new AtomicBoolean();

    public OpenAiDraftProvider(OpenAiSettings settings, OutboundHttpClient http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public DraftProviderName name() {
        return DraftProviderName.OPENAI;
    }

    @Override
    public DraftResult draft(DraftRequest request) {
        ModelInputs.requireText(request, "openai");
        if (settings.apiKey().isEmpty() && settings.needsApiKey()) {
            throw DraftProviderException.permanent("OPENAI_API_KEY is not set, so the openai provider cannot draft");
        }
        boolean jsonMode = settings.jsonMode() && !jsonModeRejected.get()
                && DraftContent.shapeOf(request.type()) == DraftContent.Shape.OBJECT;
        HttpResponse<String> response = HttpCalls.send(http.get(), post(request, jsonMode), "the openai API");
        if (jsonMode && response.statusCode() == 400 && response.body().contains("response_format")) {
            jsonModeRejected.set(true);
            response = HttpCalls.send(http.get(), post(request, false), "the openai API");
        }
        if (response.statusCode() / 100 != 2) {
            throw HttpCalls.failure(response, "the openai API");
        }
        return result(request, HttpCalls.json(response.body(), "the openai API"));
    }

    private HttpRequest post(DraftRequest request, boolean jsonMode) {
        ObjectNode body = HttpCalls.JSON.createObjectNode();
        body.put("model", settings.model());
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM_PROMPT);
        messages.addObject().put("role", "user").put("content", request.prompt());
        if (jsonMode) {
            body.putObject("response_format").put("type", "json_object");
        }
        HttpRequest.Builder post = HttpRequest.newBuilder(settings.chatCompletions())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(body)));
        if (!settings.apiKey().isEmpty()) {
            post.header("Authorization", "Bearer " + settings.apiKey());
        }
        return post.build();
    }

    private DraftResult result(DraftRequest request, JsonNode response) {
        JsonNode content = response.path("choices").path(0).path("message").path("content");
        if (!content.isTextual()) {
            throw DraftProviderException.permanent("malformed response from the openai API: no choices[0].message.content");
        }
        JsonNode usage = response.path("usage");
        String model = response.path("model").isTextual() ? response.path("model").asText() : settings.model();
        return new DraftResult(DraftContent.fromModelText(request.type(), content.asText()), model,
                tokens(usage.path("prompt_tokens")), tokens(usage.path("completion_tokens")));
    }

    private static Long tokens(JsonNode count) {
        return count.canConvertToLong() && count.asLong() >= 0 ? count.asLong() : null;
    }

    private static String toJson(JsonNode body) {
        try {
            return HttpCalls.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
