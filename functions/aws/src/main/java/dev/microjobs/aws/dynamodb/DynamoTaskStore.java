package dev.microjobs.aws.dynamodb;

import dev.microjobs.core.domain.Task;
import dev.microjobs.core.ports.TaskStore;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

/** Conditional task transitions on the task items described in {@link TaskItems}. */
@Singleton
public class DynamoTaskStore implements TaskStore {

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
        List<Map<String, AttributeValue>> keys = taskIds.stream()
                .map(id -> Item.key(TaskItems.TASK_PREFIX + id, TaskItems.TASK_SK)).toList();
        return Batches.getAllConsistently(dynamo, table, keys).stream().map(Item::of).map(taskItems::fromItem).toList();
    }
}
