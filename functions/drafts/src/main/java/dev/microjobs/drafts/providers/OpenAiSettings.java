package dev.microjobs.drafts.providers;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * An OpenAI-compatible Chat Completions endpoint: OpenAI itself, or vLLM, Ollama, LM Studio
 * and the like through their {@code /v1} base URL.
 *
 * @param apiKey the bearer token; blank sends none (local servers need none, OpenAI does)
 * @param jsonMode whether to ask for JSON mode ({@code response_format: json_object}) when the
 *     draft is a JSON object; servers that reject it are asked again without it
 */
public record OpenAiSettings(URI baseUrl, String model, String apiKey, Duration timeout, boolean jsonMode) {

    public static final URI OPENAI = URI.create("https://api.openai.com/v1");

    public OpenAiSettings {
        Objects.requireNonNull(baseUrl, "baseUrl is required");
        Objects.requireNonNull(model, "model is required");
        Objects.requireNonNull(timeout, "timeout is required");
        apiKey = apiKey == null ? "" : apiKey.strip();
    }

    public URI chatCompletions() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
    }

    boolean needsApiKey() {
        return baseUrl.getHost() != null && baseUrl.getHost().equalsIgnoreCase(OPENAI.getHost());
    }
}
