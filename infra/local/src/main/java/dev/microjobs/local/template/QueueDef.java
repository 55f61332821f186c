package dev.microjobs.local.template;

import java.util.Optional;

/**
 * An {@code AWS::SQS::Queue}, with the defaults SQS applies when a property is absent.
 * The physical name is {@code queueName} when the template sets {@code QueueName}, else the logical id.
 */
public record QueueDef(
        String logicalId,
        Optional<TemplateValue> queueName,
        int visibilityTimeoutSeconds,
        int messageRetentionPeriodSeconds,
        int delaySeconds,
        int receiveMessageWaitTimeSeconds,
        Optional<RedrivePolicy> redrivePolicy) {

    public static final int DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_MESSAGE_RETENTION_PERIOD_SECONDS = 345_600;
}
