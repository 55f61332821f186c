package dev.microjobs.aws.sqs;

import dev.microjobs.core.ports.PayoutQueue;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Payout requests on the payouts queue ({@code PAYOUTS_QUEUE_URL}), from whichever function approves work. */
@Singleton
public class SqsPayoutQueue implements PayoutQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsPayoutQueue(SqsClient sqs, @Value("${microjobs.payouts.queue-url}") String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void settle(String workerId, String currency) {
        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(PayoutMessage.write(workerId, currency)));
    }
}
