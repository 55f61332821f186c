package dev.microjobs.notifier;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microjobs.aws.FunctionHandler;
import jakarta.inject.Inject;

/** Lambda entry point of the events queue consumer: delivers each event as a signed webhook. */
public class NotifierHandler extends FunctionHandler<SQSEvent, SQSBatchResponse> {
    @Inject
    NotifierConsumer consumer;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return consumer.consume(event);
    }
}
