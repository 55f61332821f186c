package dev.microjobs.aws.sqs;

import dev.microjobs.core.ports.PayoutQueue;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.Collection;

/** Payout requests on the payouts queue ({@code PAYOUTS_QUEUE_URL}), from whichever function approves work. */
@Singleton
public class SqsPayoutQueue implements PayoutQueue {
    private final SqsBatchSender batches;
    private final String queueUrl;

    public SqsPayoutQueue(SqsBatchSender batches, @Value("${microjobs.payouts.queue-url}") String queueUrl) {
        this.batches = batches;
        this.queueUrl = queueUrl;
    }

    /** Ten requests per SendMessageBatch; entries SQS did not take are sent again, and still failing, thrown. */
    @Override
    public void settleAll(Collection<Settlement> settlements) {
        batches.sendAll(queueUrl, settlements.stream()
                .map(settlement -> PayoutMessage.write(settlement.workerId(), settlement.currency()))
                .toList());
    }
}
