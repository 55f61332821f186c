package dev.microjobs.local.template;

/** Reads the {@code Properties} of an {@code AWS::SQS::Queue}. */
final class QueueReader {

    private QueueReader() {
    }

    static QueueDef read(String logicalId, YamlNode properties) {
        properties.optional("FifoQueue").filter(YamlNode::bool).ifPresent(fifo -> {
            throw fifo.error("FIFO queues are not supported by the local stack");
        });
        return new QueueDef(
                logicalId,
                properties.optional("QueueName").map(YamlNode::templateValue),
                wholeNumber(properties, "VisibilityTimeout", QueueDef.DEFAULT_VISIBILITY_TIMEOUT_SECONDS),
                wholeNumber(properties, "MessageRetentionPeriod", QueueDef.DEFAULT_MESSAGE_RETENTION_PERIOD_SECONDS),
                wholeNumber(properties, "DelaySeconds", 0),
                wholeNumber(properties, "ReceiveMessageWaitTimeSeconds", 0),
                properties.optional("RedrivePolicy").map(QueueReader::redrivePolicy));
    }

    private static RedrivePolicy redrivePolicy(YamlNode policy) {
        YamlNode target = policy.required("deadLetterTargetArn");
        return new RedrivePolicy(
                References.queueArn(target),
                policy.required("maxReceiveCount").wholeNumber());
    }

    private static int wholeNumber(YamlNode properties, String key, int defaultValue) {
        return properties.optional(key).map(YamlNode::wholeNumber).orElse(defaultValue);
    }
}
