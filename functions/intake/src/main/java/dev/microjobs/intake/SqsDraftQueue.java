package dev.microjobs.intake;

import dev.microjobs.aws.sqs.DraftMessage;
import dev.microjobs.aws.sqs.SqsBatchSender;
import dev.microjobs.core.ports.DraftQueue;

import java.util.List;

/** Draft requests as {@link DraftMessage}s of several inputs each on the drafts queue, ten messages per SendMessageBatch call. */
class SqsDraftQueue implements DraftQueue {
    private final String queueUrl;
    private final SqsBatchSender sender;

    SqsDraftQueue(String queueUrl, SqsBatchSender sender) {
        this.queueUrl = queueUrl;
        this.sender = sender;
    }

    @Override
    public void request(List<DraftRequest> requests) {
        sender.sendAll(queueUrl, DraftMessage.writeAll(requests));
    }
}
