package dev.microjobs.local.aws;

import dev.microjobs.local.template.QueueDef;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates a template's queues in ElasticMQ with the same visibility timeout, retention, delay and
 * redrive policy. Dead-letter queues are created before the queues that name them, because the
 * redrive policy needs the dead-letter queue's ARN; ElasticMQ then moves messages itself.
 */
public final class QueueCreator {

    private final SqsClient sqs;

    public QueueCreator(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** Creates every queue; {@code names} gives each logical id its physical name. Returns them in template order. */
    public Map<String, LocalQueue> createAll(Map<String, QueueDef> queues, Function<QueueDef, String> names) {
        Map<String, LocalQueue> created = new HashMap<>();
        Map<String, LocalQueue> inTemplateOrder = new LinkedHashMap<>();
        for (QueueDef queue : queues.values()) {
            inTemplateOrder.put(queue.logicalId(), create(queue, queues, names, created));
        }
        return inTemplateOrder;
    }

    private LocalQueue create(QueueDef queue, Map<String, QueueDef> queues, Function<QueueDef, String> names,
                              Map<String, LocalQueue> created) {
        LocalQueue done = created.get(queue.logicalId());
        if (done != null) {
            return done;
        }
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(queue.visibilityTimeoutSeconds()));
        attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, String.valueOf(queue.messageRetentionPeriodSeconds()));
        attributes.put(QueueAttributeName.DELAY_SECONDS, String.valueOf(queue.delaySeconds()));
        attributes.put(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, String.valueOf(queue.receiveMessageWaitTimeSeconds()));
        queue.redrivePolicy().ifPresent(policy -> {
            LocalQueue deadLetterQueue = create(queues.get(policy.deadLetterQueueLogicalId()), queues, names, created);
            attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterQueue.arn()
                    + "\",\"maxReceiveCount\":\"" + policy.maxReceiveCount() + "\"}");
        });
        String name = names.apply(queue);
        String url = sqs.createQueue(request -> request.queueName(name).attributes(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        LocalQueue local = new LocalQueue(queue.logicalId(), name, url, arn);
        created.put(queue.logicalId(), local);
        return local;
    }
}
