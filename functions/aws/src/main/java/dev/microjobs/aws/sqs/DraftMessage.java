package dev.microjobs.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.ports.DraftQueue.DraftRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The drafts queue's message, written by intake and read by the drafts function:
 * {@code {"jobId": "job_...", "inputIndex": 0, "taskIds": ["task_..."]}}.
 */
public final class DraftMessage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DraftMessage() {
    }

    public static String write(DraftRequest request) {
        ObjectNode body = JSON.createObjectNode()
                .put("jobId", request.jobId())
                .put("inputIndex", request.inputIndex());
        request.taskIds().forEach(body.putArray("taskIds")::add);
        return body.toString();
    }

    /** @throws IllegalArgumentException for a body that is not such a message (it then goes to the DLQ) */
    public static DraftRequest read(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.path("jobId").isTextual() || !node.path("inputIndex").canConvertToInt()
                    || !node.path("taskIds").isArray()) {
                throw new IllegalArgumentException("not a draft request: missing jobId, inputIndex or taskIds");
            }
            List<String> taskIds = new ArrayList<>();
            node.get("taskIds").forEach(id -> taskIds.add(id.asText()));
            return new DraftRequest(node.get("jobId").asText(), node.get("inputIndex").asInt(), taskIds);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a draft request: " + e.getMessage(), e);
        }
    }
}
