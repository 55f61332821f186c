package dev.microjobs.intake;

import dev.microjobs.aws.sqs.DraftMessage;
import dev.microjobs.aws.sqs.SqsBatchSender;
import dev.microjobs.core.ports.DraftQueue;

import java.util.List;

/** Draft requests as {@link DraftMessage}s on the drafts queue, ten per SendMessageBatch call. */
class SqsDraftQueue implements DraftQueue {
    private final String queueUrl;
    private final SqsBatchSender sender;

    SqsDraftQueue(String queueUrl, SqsBatchSender sender) {
        this.queueUrl = queueUrl;
        this.sender = sender;
    }

    @Override
    public void request(List<DraftRequest> requests) {
        sender.sendAll(queueUrl, requests.stream().map(DraftMessage::write).toList());
    }
}
