package dev.microjobs.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.ports.DraftQueue.DraftRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The drafts queue's message, written by intake and read by the drafts function: the draft
 * requests of up to {@link #MAX_INPUTS} inputs of one job,
 * {@code {"jobId": "job_...", "inputs": [{"inputIndex": 0, "taskIds": ["task_..."]}, ...]}}.
 * Several inputs to a message make a 100-input job one SendMessageBatch call instead of ten, and
 * ten messages to receive and delete instead of a hundred.
 *
 * <p>Messages of one input, {@code {"jobId": "job_...", "inputIndex": 0, "taskIds": [...]}}, were
 * the format before and still read, so a queue holding some when this version is deployed drains.
 */
public final class DraftMessage {
    /** Inputs per message: the drafts function drafts them all at once, like the messages of a batch. */
    public static final int MAX_INPUTS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DraftMessage() {
    }

    /** The bodies that carry {@code requests}, each with the requests of one job, {@link #MAX_INPUTS} at most. */
    public static List<String> writeAll(List<DraftRequest> requests) {
        List<String> bodies = new ArrayList<>();
        List<DraftRequest> sameJob = new ArrayList<>();
        for (DraftRequest request : requests) {
            if (sameJob.size() == MAX_INPUTS || (!sameJob.isEmpty() && !sameJob.get(0).jobId().equals(request.jobId()))) {
                bodies.add(write(sameJob));
                sameJob.clear();
            }
            sameJob.add(request);
        }
        if (!sameJob.isEmpty()) {
            bodies.add(write(sameJob));
        }
        return bodies;
    }

    /** One message: 1 to {@link #MAX_INPUTS} requests of one job. */
    public static String write(List<DraftRequest> sameJob) {
        if (sameJob.isEmpty() || sameJob.size() > MAX_INPUTS
                || sameJob.stream().anyMatch(request -> !request.jobId().equals(sameJob.get(0).jobId()))) {
            throw new IllegalArgumentException("a draft message holds 1 to " + MAX_INPUTS + " inputs of one job");
        }
        ObjectNode body = JSON.createObjectNode().put("jobId", sameJob.get(0).jobId());
        ArrayNode inputs = body.putArray("inputs");
        for (DraftRequest request : sameJob) {
            ObjectNode input = inputs.addObject().put("inputIndex", request.inputIndex());
            request.taskIds().forEach(input.putArray("taskIds")::add);
        }
        return body.toString();
    }

    /** @throws IllegalArgumentException for a body that is not such a message (it then goes to the DLQ) */
    public static List<DraftRequest> read(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.path("jobId").isTextual()) {
                throw new IllegalArgumentException("not a draft request: missing jobId");
            }
            String jobId = node.get("jobId").asText();
            if (!node.has("inputs")) {
                return List.of(input(jobId, node));
            }
            if (!node.get("inputs").isArray() || node.get("inputs").isEmpty()) {
                throw new IllegalArgumentException("not a draft request: inputs is not a list of inputs");
            }
            List<DraftRequest> requests = new ArrayList<>();
            node.get("inputs").forEach(input -> requests.add(input(jobId, input)));
            return requests;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a draft request: " + e.getMessage(), e);
        }
    }

    private static DraftRequest input(String jobId, JsonNode input) {
        if (!input.path("inputIndex").canConvertToInt() || !input.path("taskIds").isArray()) {
            throw new IllegalArgumentException("not a draft request: missing inputIndex or taskIds");
        }
        List<String> taskIds = new ArrayList<>();
        input.get("taskIds").forEach(id -> taskIds.add(id.asText()));
        return new DraftRequest(jobId, input.get("inputIndex").asInt(), taskIds);
    }
}
