package dev.microjobs.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads an {@code SQSBatchResponse} the way Lambda does with {@code ReportBatchItemFailures}:
 * no result, or no failures listed, means every message succeeded; a listed id that is empty or
 * not in the batch makes the whole response invalid, and then the whole batch counts as failed.
 */
final class BatchItemFailures {

    static final class InvalidResponseException extends Exception {
        InvalidResponseException(String message) {
            super(message);
        }
    }

    private BatchItemFailures() {
    }

    /** The ids of the messages the function reported as failed. */
    static Set<String> read(JsonNode response, Set<String> messageIds) throws InvalidResponseException {
        Set<String> failed = new LinkedHashSet<>();
        if (response == null || response.isNull()) {
            return failed;
        }
        if (!response.isObject()) {
            throw new InvalidResponseException("expected an SQSBatchResponse object, got " + response.getNodeType());
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return failed;
        }
        if (!failures.isArray()) {
            throw new InvalidResponseException("batchItemFailures is not a list");
        }
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || !messageIds.contains(id.asText())) {
                throw new InvalidResponseException("itemIdentifier " + id + " is not a message id of the batch");
            }
            failed.add(id.asText());
        }
        return failed;
    }
}
