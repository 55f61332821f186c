package dev.microjobs.local.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microjobs.local.aws.LocalQueue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Builds the {@link SQSEvent} Lambda's event source mapping would send for a batch of received messages. */
final class SqsEvents {

    private SqsEvents() {
    }

    static SQSEvent of(List<Message> messages, LocalQueue queue, String region) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(message -> record(message, queue, region)).toList());
        return event;
    }

    private static SQSEvent.SQSMessage record(Message message, LocalQueue queue, String region) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
        record.setAttributes(new LinkedHashMap<>(message.attributesAsStrings()));
        Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
        message.messageAttributes().forEach((name, value) -> attributes.put(name, attribute(value)));
        record.setMessageAttributes(attributes);
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queue.arn());
        record.setAwsRegion(region);
        return record;
    }

    private static SQSEvent.MessageAttribute attribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        attribute.setBinaryValue(value.binaryValue() == null ? null : value.binaryValue().asByteBuffer());
        attribute.setStringListValues(value.stringListValues());
        attribute.setBinaryListValues(value.binaryListValues().stream().map(SdkBytes::asByteBuffer).toList());
        return attribute;
    }
}
