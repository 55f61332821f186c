package dev.microjobs.aws.sqs;

import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends many messages with SendMessageBatch, ten per call (the SQS limit). A batch call can
 * succeed while some of its entries fail; those entries are sent again, and if they still fail
 * the whole send fails so the caller's retry (or idempotent resume) covers them.
 */
@Singleton
public class SqsBatchSender {
    static final int MAX_ENTRIES_PER_CALL = 10;
    private static final int ATTEMPTS = 3;

    private final SqsClient sqs;

    public SqsBatchSender(SqsClient sqs) {
        this.sqs = sqs;
    }

    public void sendAll(String queueUrl, List<String> bodies) {
        for (int from = 0; from < bodies.size(); from += MAX_ENTRIES_PER_CALL) {
            sendChunk(queueUrl, bodies.subList(from, Math.min(bodies.size(), from + MAX_ENTRIES_PER_CALL)));
        }
    }

    private void sendChunk(String queueUrl, List<String> bodies) {
        Map<String, String> pending = new HashMap<>();
        for (int i = 0; i < bodies.size(); i++) {
            pending.put(Integer.toString(i), bodies.get(i));
        }
        List<BatchResultErrorEntry> lastErrors = List.of();
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            pending.forEach((id, body) -> entries.add(SendMessageBatchRequestEntry.builder().id(id).messageBody(body).build()));
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            response.successful().forEach(ok -> pending.remove(ok.id()));
            lastErrors = response.failed();
            if (lastErrors.stream().anyMatch(BatchResultErrorEntry::senderFault)) {
                break;
            }
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " message(s) not accepted by " + queueUrl + ": "
                    + lastErrors.stream().map(e -> e.code() + " " + e.message()).distinct().toList());
        }
    }
}
