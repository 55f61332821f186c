package dev.microjobs.core.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * What an AI hook proposed for a task, or why it proposed nothing. A task becomes READY
 * even when drafting fails, so workers are never blocked by a provider outage; the
 * reason is kept so the business can see it.
 *
 * <p>Exactly one of {@code content} and {@code failureReason} is present. The prompt is not part
 * of it: it is the job's template filled from the task's input ({@code PromptTemplates}), and a
 * copy in every task would be half of a task item, paid for again at each of the task's writes.
 *
 * @param model the provider's model name, or null if it has none (offline, webhook)
 * @param content a text node, or structured JSON for structured job types; null on failure
 * @param inputTokens null when the provider does not report usage
 * @param outputTokens null when the provider does not report usage
 * @param failureReason why there is no content, or null when there is
 */
public record Draft(
        DraftProviderName provider,
        String model,
        JsonNode content,
        long latencyMs,
        Long inputTokens,
        Long outputTokens,
        String failureReason,
        Instant createdAt) {

    public Draft {
        Objects.requireNonNull(provider, "provider is required");
        Objects.requireNonNull(createdAt, "createdAt is required");
        boolean hasContent = content != null && !content.isNull() && !content.isMissingNode();
        if (hasContent == (failureReason != null)) {
            throw new IllegalArgumentException("a draft has either content or a failure reason: "
                    + (hasContent ? "not both" : "a draft without content needs the reason"));
        }
        if (failureReason != null && failureReason.isBlank()) {
            throw new IllegalArgumentException("failureReason must not be blank");
        }
        content = hasContent ? content.deepCopy() : null;
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must not be negative, got " + latencyMs);
        }
        requireNotNegative(inputTokens, "inputTokens");
        requireNotNegative(outputTokens, "outputTokens");
    }

    public static Draft of(DraftProviderName provider, String model, JsonNode content, long latencyMs,
            Long inputTokens, Long outputTokens, Instant at) {
        Objects.requireNonNull(content, "content is required");
        return new Draft(provider, model, content, latencyMs, inputTokens, outputTokens, null, at);
    }

    /** No draft: drafting is switched off for the job ({@link DraftProviderName#NONE}) or gave up. */
    public static Draft none(DraftProviderName provider, String reason, Instant at) {
        return new Draft(provider, null, null, 0, null, null, reason, at);
    }

    public boolean hasContent() {
        return content != null;
    }

    /** A copy, so the record stays immutable; null when there is no content. */
    @Override
    public JsonNode content() {
        return Json.copyOf(content);
    }

    private static void requireNotNegative(Long count, String name) {
        if (count != null && count < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + count);
        }
    }
}
