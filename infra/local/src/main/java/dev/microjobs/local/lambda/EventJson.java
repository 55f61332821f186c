package dev.microjobs.local.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Events and responses as JSON, in the shape Lambda puts on the wire: what a
 * {@code RequestStreamHandler} reads, and what the services read back from a function's result.
 * The aws-lambda-java-events classes do not all serialize to that shape by plain bean rules
 * ({@code Records}, {@code eventSourceARN}, {@code detail-type}), so those are written field by field.
 */
public final class EventJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EventJson() {
    }

    public static JsonNode toJson(Object event) {
        if (event instanceof SQSEvent sqsEvent) {
            return sqs(sqsEvent);
        }
        if (event instanceof ScheduledEvent scheduledEvent) {
            return scheduled(scheduledEvent);
        }
        return MAPPER.valueToTree(event);
    }

    private static JsonNode sqs(SQSEvent event) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode records = root.putArray("Records");
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.getMessageId());
            record.put("receiptHandle", message.getReceiptHandle());
            record.put("body", message.getBody());
            record.set("attributes", MAPPER.valueToTree(message.getAttributes()));
            ObjectNode attributes = record.putObject("messageAttributes");
            message.getMessageAttributes().forEach((name, value) -> attributes.set(name, messageAttribute(value)));
            record.put("md5OfBody", message.getMd5OfBody());
            if (message.getMd5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", message.getMd5OfMessageAttributes());
            }
            record.put("eventSource", message.getEventSource());
            record.put("eventSourceARN", message.getEventSourceArn());
            record.put("awsRegion", message.getAwsRegion());
        }
        return root;
    }

    private static JsonNode messageAttribute(SQSEvent.MessageAttribute attribute) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("stringValue", attribute.getStringValue());
        node.put("binaryValue", attribute.getBinaryValue() == null ? null : base64(attribute.getBinaryValue()));
        node.set("stringListValues", MAPPER.valueToTree(orEmpty(attribute.getStringListValues())));
        node.set("binaryListValues", MAPPER.valueToTree(orEmpty(attribute.getBinaryListValues()).stream().map(EventJson::base64).toList()));
        node.put("dataType", attribute.getDataType());
        return node;
    }

    private static JsonNode scheduled(ScheduledEvent event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("version", event.getVersion());
        node.put("id", event.getId());
        node.put("detail-type", event.getDetailType());
        node.put("source", event.getSource());
        node.put("account", event.getAccount());
        node.put("time", event.getTime().toString());
        node.put("region", event.getRegion());
        node.set("resources", MAPPER.valueToTree(event.getResources()));
        node.set("detail", MAPPER.valueToTree(event.getDetail() == null ? Map.of() : event.getDetail()));
        return node;
    }

    private static String base64(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
