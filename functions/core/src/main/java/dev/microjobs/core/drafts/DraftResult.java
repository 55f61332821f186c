package dev.microjobs.core.drafts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What a provider drafted. The {@link Drafter} measures latency itself, end to end, so it
 * includes retries and backoff: that is how long the task waited for its draft.
 *
 * @param content a text node, or structured JSON for structured job types (see {@link DraftContent})
 * @param model the model that wrote it, or null when there is none (offline, webhook)
 * @param inputTokens null when the provider does not report usage
 * @param outputTokens null when the provider does not report usage
 */
public record DraftResult(JsonNode content, String model, Long inputTokens, Long outputTokens) {

    public DraftResult {
        Objects.requireNonNull(content, "content is required");
        if (content.isNull() || content.isMissingNode()) {
            throw new IllegalArgumentException("content must be a value, not " + content.getNodeType());
        }
        content = content.deepCopy();
    }

    /** A draft without a model or token usage. */
    public static DraftResult of(JsonNode content) {
        return new DraftResult(content, null, null, null);
    }

    @Override
    public JsonNode content() {
        return content.deepCopy();
    }
}
