package dev.microjobs.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.local.it.StackTest;
import dev.microjobs.local.template.IndexDef;
import dev.microjobs.local.template.KeyElement;
import dev.microjobs.local.template.QueueDef;
import dev.microjobs.local.template.TableDef;
import dev.microjobs.local.template.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The stack on the real template.yaml, seen from outside through DynamoDB's and SQS's own
 * APIs: every table with its keys, indexes and TTL, every queue with its visibility timeout,
 * delays and dead-letter queue, exactly as the template declares them; and {@code GET /health}.
 */
class RealTemplateIT extends StackTest {

    private final Template template = stack.template();

    @Test
    void createsEveryTableAsDeclared() {
        Set<String> tableNames = new TreeSet<>(dynamo.listTables().tableNames());
        for (TableDef declared : template.tables().values()) {
            String name = stack.tableName(declared.logicalId());
            assertTrue(tableNames.contains(name), () -> name + " not in " + tableNames);
            TableDescription table = dynamo.describeTable(request -> request.tableName(name)).table();

            assertEquals(declaredKeys(declared.keySchema()), keys(table.keySchema()), declared.logicalId() + " key schema");
            Map<String, String> attributeTypes = new HashMap<>();
            for (AttributeDefinition attribute : table.attributeDefinitions()) {
                attributeTypes.put(attribute.attributeName(), attribute.attributeTypeAsString());
            }
            assertEquals(declared.attributeTypes(), attributeTypes, declared.logicalId() + " attribute definitions");

            Map<String, List<String>> indexes = new HashMap<>();
            for (GlobalSecondaryIndexDescription index : table.globalSecondaryIndexes()) {
                indexes.put(index.indexName(), keys(index.keySchema()));
                indexes.put(index.indexName() + " projection", List.of(index.projection().projectionTypeAsString()));
            }
            Map<String, List<String>> declaredIndexes = new HashMap<>();
            for (IndexDef index : declared.globalSecondaryIndexes()) {
                declaredIndexes.put(index.indexName(), declaredKeys(index.keySchema()));
                declaredIndexes.put(index.indexName() + " projection", List.of(index.projectionType()));
            }
            assertEquals(declaredIndexes, indexes, declared.logicalId() + " global secondary indexes");
            Map<String, List<String>> localIndexes = new HashMap<>();
            table.localSecondaryIndexes().forEach(index -> localIndexes.put(index.indexName(), keys(index.keySchema())));
            Map<String, List<String>> declaredLocalIndexes = new HashMap<>();
            declared.localSecondaryIndexes().forEach(index -> declaredLocalIndexes.put(index.indexName(), declaredKeys(index.keySchema())));
            assertEquals(declaredLocalIndexes, localIndexes, declared.logicalId() + " local secondary indexes");

            TimeToLiveDescription ttl = dynamo.describeTimeToLive(request -> request.tableName(name)).timeToLiveDescription();
            if (declared.timeToLiveAttribute().isPresent()) {
                assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus(), declared.logicalId() + " TTL");
                assertEquals(declared.timeToLiveAttribute().get(), ttl.attributeName(), declared.logicalId() + " TTL attribute");
            }
        }
    }

    @Test
    void createsEveryQueueAsDeclared() {
        List<String> queueUrls = sqs.listQueues().queueUrls();
        for (QueueDef declared : template.queues().values()) {
            String url = stack.queueUrl(declared.logicalId());
            assertTrue(queueUrls.contains(url), () -> url + " not in " + queueUrls);
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(url)
                    .attributeNames(QueueAttributeName.ALL)).attributes();

            assertEquals(String.valueOf(declared.visibilityTimeoutSeconds()), attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT),
                    declared.logicalId() + " visibility timeout");
            assertEquals(String.valueOf(declared.delaySeconds()), attributes.get(QueueAttributeName.DELAY_SECONDS),
                    declared.logicalId() + " delay");
            assertEquals(String.valueOf(declared.receiveMessageWaitTimeSeconds()),
                    attributes.get(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS), declared.logicalId() + " receive wait");
            // MessageRetentionPeriod is not compared: ElasticMQ 1.7.1 accepts it and keeps messages until deleted.
            if (declared.redrivePolicy().isPresent()) {
                JsonNode redrive = json(attributes.get(QueueAttributeName.REDRIVE_POLICY));
                String deadLetterQueueArn = stack.queues().get(declared.redrivePolicy().get().deadLetterQueueLogicalId()).arn();
                assertEquals(deadLetterQueueArn, redrive.path("deadLetterTargetArn").asText(), declared.logicalId() + " dead-letter queue");
                assertEquals(declared.redrivePolicy().get().maxReceiveCount(), redrive.path("maxReceiveCount").asInt(),
                        declared.logicalId() + " maxReceiveCount");
            } else {
                assertEquals(null, attributes.get(QueueAttributeName.REDRIVE_POLICY), declared.logicalId() + " has no dead-letter queue");
            }
        }
    }

    @Test
    void healthListsTablesQueuesAndFunctions() {
        Response response = get("/health", null);

        assertEquals(200, response.status(), response.body());
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        JsonNode health = response.json();
        assertEquals("ok", health.path("status").asText());
        Map<String, String> tables = new HashMap<>();
        health.path("tables").fields().forEachRemaining(entry -> tables.put(entry.getKey(), entry.getValue().asText()));
        Map<String, String> expectedTables = new HashMap<>();
        template.tables().keySet().forEach(id -> expectedTables.put(id, stack.tableName(id)));
        assertEquals(expectedTables, tables);
        Map<String, String> queues = new HashMap<>();
        health.path("queues").fields().forEachRemaining(entry -> queues.put(entry.getKey(), entry.getValue().asText()));
        Map<String, String> expectedQueues = new HashMap<>();
        template.queues().keySet().forEach(id -> expectedQueues.put(id, stack.queueUrl(id)));
        assertEquals(expectedQueues, queues);
        List<String> functions = new ArrayList<>();
        health.path("functions").forEach(function -> functions.add(function.asText()));
        assertEquals(List.copyOf(template.functions().keySet()), functions);
    }

    private static List<String> declaredKeys(List<KeyElement> schema) {
        return schema.stream().map(key -> key.attributeName() + " " + key.keyType()).toList();
    }

    private static List<String> keys(List<KeySchemaElement> schema) {
        return schema.stream().map(key -> key.attributeName() + " " + key.keyTypeAsString()).toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
