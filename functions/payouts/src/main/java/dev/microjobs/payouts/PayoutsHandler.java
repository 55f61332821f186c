package dev.microjobs.payouts;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microjobs.aws.FunctionHandler;
import dev.microjobs.aws.sqs.PayoutMessage;
import dev.microjobs.aws.sqs.SqsBatch;
import dev.microjobs.core.payouts.SettleWorker;
import jakarta.inject.Inject;

/** Lambda entry point of the payouts queue consumer. */
public class PayoutsHandler extends FunctionHandler<SQSEvent, SQSBatchResponse> {
    @Inject
    SettleWorker settleWorker;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return SqsBatch.process(event, message -> {
            PayoutMessage.Settle settle = PayoutMessage.read(message.getBody());
            settleWorker.settle(settle.workerId(), settle.currency());
        });
    }
}
