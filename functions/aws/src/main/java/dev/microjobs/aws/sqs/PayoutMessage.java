package dev.microjobs.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * The payouts queue's message, written when work is approved and read by the payouts function:
 * {@code {"workerId": "wkr_...", "currency": "USD"}}: "pay this worker's approved earnings".
 * It names no amount, so a duplicate can never pay twice: the payouts function works out what
 * is owed from the ledger each time.
 */
public final class PayoutMessage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PayoutMessage() {
    }

    public record Settle(String workerId, String currency) {
    }

    public static String write(String workerId, String currency) {
        return JSON.createObjectNode().put("workerId", workerId).put("currency", currency).toString();
    }

    /** @throws IllegalArgumentException for a body that is not such a message (it then goes to the DLQ) */
    public static Settle read(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.path("workerId").isTextual() || !node.path("currency").isTextual()) {
                throw new IllegalArgumentException("not a payout request: missing workerId or currency");
            }
            return new Settle(node.get("workerId").asText(), node.get("currency").asText());
        } catch (IOException e) {
            throw new IllegalArgumentException("not a payout request: " + e.getMessage(), e);
        }
    }
}
