package dev.microjobs.drafts;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microjobs.aws.FunctionHandler;
import jakarta.inject.Inject;

/** Lambda entry point of the drafts queue (and its dead-letter queue) consumer. */
public class DraftsHandler extends FunctionHandler<SQSEvent, SQSBatchResponse> {
    @Inject
    DraftsConsumer consumer;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return consumer.consume(event);
    }
}
