package dev.microjobs.local;

import dev.microjobs.local.aws.LocalQueue;
import dev.microjobs.local.aws.LocalTable;
import dev.microjobs.local.template.IntrinsicResolver;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code !Ref} and {@code !GetAtt} mean locally: a table's name and ARN, a queue's URL,
 * ARN and name. Other resources have no local value, and a template that needs one fails to start.
 */
final class LocalResources implements IntrinsicResolver.ResourceValues {

    private final Map<String, LocalTable> tables;
    private final Map<String, LocalQueue> queues;

    LocalResources(Map<String, LocalTable> tables, Map<String, LocalQueue> queues) {
        this.tables = tables;
        this.queues = queues;
    }

    @Override
    public Optional<String> ref(String logicalId) {
        if (tables.containsKey(logicalId)) {
            return Optional.of(tables.get(logicalId).name());
        }
        return Optional.ofNullable(queues.get(logicalId)).map(LocalQueue::url);
    }

    @Override
    public Optional<String> attribute(String logicalId, String attribute) {
        LocalTable table = tables.get(logicalId);
        if (table != null) {
            return attribute.equals("Arn") ? Optional.of(table.arn()) : Optional.empty();
        }
        LocalQueue queue = queues.get(logicalId);
        if (queue == null) {
            return Optional.empty();
        }
        return switch (attribute) {
            case "Arn" -> Optional.of(queue.arn());
            case "QueueName" -> Optional.of(queue.name());
            case "QueueUrl" -> Optional.of(queue.url());
            default -> Optional.empty();
        };
    }

    /** Before tables and queues exist, names may only use parameters and pseudo parameters. */
    static IntrinsicResolver.ResourceValues none() {
        return new LocalResources(Map.of(), Map.of());
    }
}
