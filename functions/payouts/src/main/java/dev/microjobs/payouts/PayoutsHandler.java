package dev.microjobs.payouts;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microjobs.aws.FunctionHandler;
import dev.microjobs.aws.sqs.SqsBatch;

/**
 * Lambda entry point of the payouts queue consumer. Until payouts are built every message is
 * reported failed, so none is deleted and none is lost.
 */
public class PayoutsHandler extends FunctionHandler<SQSEvent, SQSBatchResponse> {

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return SqsBatch.process(event, message -> {
            throw new UnsupportedOperationException("payouts are not built yet");
        });
    }
}
