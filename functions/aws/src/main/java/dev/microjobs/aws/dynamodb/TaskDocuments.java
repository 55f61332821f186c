package dev.microjobs.aws.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.domain.Claim;
import dev.microjobs.core.domain.Draft;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.DraftUse;
import dev.microjobs.core.domain.Submission;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The JSON documents a task item keeps its input, draft, claim and submission in, written and
 * read field by field. The format is fixed here rather than borrowed from the API's mapper, so
 * that a change to how responses are written never changes how tasks are read back: the
 * record's components in order, absent values left out, instants in ISO-8601, enums by their
 * wire names (the format Jackson's record mapping gave, so earlier items read back unchanged).
 * Not through that mapping itself: with the java.time module it needs, it loaded some 500
 * classes (about 150 ms of CPU) into the cold start of every function that stores tasks.
 */
final class TaskDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TaskDocuments() {
    }

    /** Each {@code write} gives null for null: the item then has no such attribute. */
    static String write(Draft draft) {
        if (draft == null) {
            return null;
        }
        ObjectNode json = NODES.objectNode().put("provider", draft.provider().wireName());
        putIfPresent(json, "model", draft.model());
        if (draft.content() != null) {
            json.set("content", draft.content());
        }
        json.put("latencyMs", draft.latencyMs());
        if (draft.inputTokens() != null) {
            json.put("inputTokens", draft.inputTokens());
        }
        if (draft.outputTokens() != null) {
            json.put("outputTokens", draft.outputTokens());
        }
        putIfPresent(json, "failureReason", draft.failureReason());
        return json.put("createdAt", draft.createdAt().toString()).toString();
    }

    static String write(Claim claim) {
        if (claim == null) {
            return null;
        }
        return NODES.objectNode()
                .put("claimId", claim.claimId())
                .put("workerId", claim.workerId())
                .put("claimedAt", claim.claimedAt().toString())
                .put("leaseExpiresAt", claim.leaseExpiresAt().toString())
                .toString();
    }

    static String write(Submission submission) {
        if (submission == null) {
            return null;
        }
        ObjectNode json = NODES.objectNode()
                .put("claimId", submission.claimId())
                .put("workerId", submission.workerId());
        json.set("output", submission.output());
        return json.put("draftUsed", submission.draftUsed().wireName())
                .put("claimedAt", submission.claimedAt().toString())
                .put("submittedAt", submission.submittedAt().toString())
                .put("secondsSpent", submission.secondsSpent())
                .put("editRatio", submission.editRatio())
                .toString();
    }

    static JsonNode readInput(String stored) {
        return parse(stored, "input");
    }

    static Draft readDraft(String stored) {
        JsonNode json = parse(stored, "draft");
        return read("draft", () -> new Draft(
                DraftProviderName.fromWireName(json.path("provider").asText())
                        .orElseThrow(() -> new IllegalArgumentException("unknown provider " + json.get("provider"))),
                text(json, "model"),
                json.get("content"),
                json.path("latencyMs").asLong(),
                optionalLong(json, "inputTokens"),
                optionalLong(json, "outputTokens"),
                text(json, "failureReason"),
                instant(json, "createdAt")));
    }

    static Claim readClaim(String stored) {
        JsonNode json = parse(stored, "claim");
        return read("claim", () -> new Claim(text(json, "claimId"), text(json, "workerId"),
                instant(json, "claimedAt"), instant(json, "leaseExpiresAt")));
    }

    static Submission readSubmission(String stored) {
        JsonNode json = parse(stored, "submission");
        return read("submission", () -> new Submission(
                text(json, "claimId"),
                text(json, "workerId"),
                json.get("output"),
                DraftUse.fromWireName(json.path("draftUsed").asText())
                        .orElseThrow(() -> new IllegalArgumentException("unknown draftUsed " + json.get("draftUsed"))),
                instant(json, "claimedAt"),
                instant(json, "submittedAt"),
                json.path("secondsSpent").asLong(),
                json.path("editRatio").asDouble()));
    }

    private static JsonNode parse(String stored, String what) {
        try {
            return JSON.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + what + " is not JSON", e);
        }
    }

    /** A stored document the record refuses (a missing or wrong field) is corrupt, not the caller's mistake. */
    private static <T> T read(String what, Supplier<T> record) {
        try {
            return record.get();
        } catch (RuntimeException e) {
            throw new IllegalStateException("stored " + what + " does not read back: " + e.getMessage(), e);
        }
    }

    private static void putIfPresent(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static String text(JsonNode json, String field) {
        return optional(json, field, JsonNode::asText);
    }

    private static Long optionalLong(JsonNode json, String field) {
        return optional(json, field, JsonNode::asLong);
    }

    private static Instant instant(JsonNode json, String field) {
        return optional(json, field, value -> Instant.parse(value.asText()));
    }

    private static <T> T optional(JsonNode json, String field, Function<JsonNode, T> read) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : read.apply(value);
    }
}
