package dev.microjobs.aws.dynamodb;

import dev.microjobs.core.domain.Task;
import dev.microjobs.core.ports.TaskStore;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Conditional task transitions on the task items described in {@link TaskItems}. */
@Singleton
public class DynamoTaskStore implements TaskStore {
    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final TaskItems taskItems;

    public DynamoTaskStore(DynamoDbClient dynamo, TableConfiguration table, TaskItems taskItems) {
        this.dynamo = dynamo;
        this.table = table.getName();
        this.taskItems = taskItems;
    }

    @Override
    public boolean transition(Task before, Task after) {
        return ConditionalUpdates.apply(dynamo, taskItems.transition(table, before, after));
    }

    @Override
    public List<Task> findAll(List<String> taskIds) {
        List<Task> tasks = new ArrayList<>();
        for (int from = 0; from < taskIds.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> keys = taskIds.subList(from, Math.min(taskIds.size(), from + BATCH_GET_LIMIT))
                    .stream().distinct().map(id -> Item.key(TaskItems.TASK_PREFIX + id, TaskItems.TASK_SK)).toList();
            Batches.getAll(dynamo, table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build())
                    .stream().map(Item::of).map(taskItems::fromItem).forEach(tasks::add);
        }
        return tasks;
    }
}
