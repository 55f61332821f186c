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
    /**
     * Half the event source's batch of 50 (template.yaml): a batch of 50 workers whose provider
     * calls all take the 10 s PAYOUT_TIMEOUT still ends within the function's 30 s.
     */
    private static final int SETTLEMENTS_AT_ONCE = 25;

    private final ExecutorService settlements = SqsBatch.daemonPool(SETTLEMENTS_AT_ONCE, "payout");

    @Inject
    SettleWorker settleWorker;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return SqsBatch.processOncePerKey(event, settlements, message -> PayoutMessage.read(message.getBody()),
                settle -> settleWorker.settle(settle.workerId(), settle.currency()));
    }
}
