package dev.microjobs.payouts;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microjobs.aws.FunctionHandler;
import dev.microjobs.aws.sqs.PayoutMessage;
import dev.microjobs.aws.sqs.SqsBatch;
import dev.microjobs.core.payouts.SettleWorker;
import jakarta.inject.Inject;

import java.util.concurrent.ExecutorService;

/**
 * Lambda entry point of the payouts queue consumer. A settlement pays all of a worker's approved
 * earnings, so the messages of one worker in a batch (each approval asks once) are answered by
 * one settlement, and different workers are settled at once.
 */
public class PayoutsHandler extends FunctionHandler<SQSEvent, SQSBatchResponse> {
    private final ExecutorService settlements = SqsBatch.newWorkers("payout");

    @Inject
    SettleWorker settleWorker;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return SqsBatch.processOncePerKey(event, settlements, message -> PayoutMessage.read(message.getBody()),
                settle -> settleWorker.settle(settle.workerId(), settle.currency()));
    }
}
