package dev.microjobs.local.aws;

import dev.microjobs.local.LocalStackException;
import dev.microjobs.local.template.IndexDef;
import dev.microjobs.local.template.KeyElement;
import dev.microjobs.local.template.TableDef;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Creates a template's table in DynamoDB Local with the same keys, indexes and TTL. A table that
 * already exists (kept in {@code --data-dir}) is reused if its primary key and index names match.
 */
public final class TableCreator {

    private final DynamoDbClient dynamoDb;

    public TableCreator(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    public LocalTable create(TableDef table, String name) {
        Optional<TableDescription> existing = describe(name);
        TableDescription description = existing.isPresent()
                ? checkMatches(existing.get(), table)
                : dynamoDb.createTable(createRequest(table, name)).tableDescription();
        table.timeToLiveAttribute().ifPresent(attribute -> enableTimeToLive(name, attribute));
        return new LocalTable(table.logicalId(), name, description.tableArn());
    }

    private Optional<TableDescription> describe(String name) {
        try {
            return Optional.of(dynamoDb.describeTable(request -> request.tableName(name)).table());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static CreateTableRequest createRequest(TableDef table, String name) {
        // Capacity means nothing locally, so every table is on-demand whatever BillingMode says.
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(table.attributeTypes().entrySet().stream()
                        .map(attribute -> AttributeDefinition.builder()
                                .attributeName(attribute.getKey()).attributeType(attribute.getValue()).build())
                        .toList())
                .keySchema(keySchema(table.keySchema()))
                .globalSecondaryIndexes(table.globalSecondaryIndexes().isEmpty() ? null
                        : table.globalSecondaryIndexes().stream().map(TableCreator::globalIndex).toList())
                .localSecondaryIndexes(table.localSecondaryIndexes().isEmpty() ? null
                        : table.localSecondaryIndexes().stream().map(TableCreator::localIndex).toList())
                .build();
    }

    private static GlobalSecondaryIndex globalIndex(IndexDef index) {
        return GlobalSecondaryIndex.builder()
                .indexName(index.indexName()).keySchema(keySchema(index.keySchema())).projection(projection(index)).build();
    }

    private static LocalSecondaryIndex localIndex(IndexDef index) {
        return LocalSecondaryIndex.builder()
                .indexName(index.indexName()).keySchema(keySchema(index.keySchema())).projection(projection(index)).build();
    }

    private static Projection projection(IndexDef index) {
        return Projection.builder()
                .projectionType(index.projectionType())
                .nonKeyAttributes(index.nonKeyAttributes().isEmpty() ? null : index.nonKeyAttributes())
                .build();
    }

    private static List<KeySchemaElement> keySchema(List<KeyElement> elements) {
        return elements.stream()
                .map(element -> KeySchemaElement.builder().attributeName(element.attributeName()).keyType(element.keyType()).build())
                .toList();
    }

    private static TableDescription checkMatches(TableDescription existing, TableDef table) {
        // Projections count too: code written for an index that projects an attribute finds it missing in an
        // index that does not.
        List<String> wantedIndexes = table.globalSecondaryIndexes().stream()
                .map(index -> describe(index.indexName(), projection(index))).sorted().toList();
        List<String> existingIndexes = existing.globalSecondaryIndexes().stream()
                .map(index -> describe(index.indexName(), index.projection())).sorted().toList();
        if (!existing.keySchema().equals(keySchema(table.keySchema())) || !existingIndexes.equals(wantedIndexes)) {
            throw new LocalStackException("table " + existing.tableName() + " in the data directory does not match "
                    + table.logicalId() + " in the template (keys, indexes or their projections differ); delete the"
                    + " data directory to recreate it");
        }
        return existing;
    }

    private static String describe(String indexName, Projection projection) {
        return indexName + " " + projection.projectionTypeAsString() + " " + projection.nonKeyAttributes().stream().sorted().toList();
    }

    private void enableTimeToLive(String name, String attribute) {
        TimeToLiveStatus status = dynamoDb.describeTimeToLive(request -> request.tableName(name))
                .timeToLiveDescription().timeToLiveStatus();
        if (status != TimeToLiveStatus.ENABLED) {
            dynamoDb.updateTimeToLive(request -> request.tableName(name)
                    .timeToLiveSpecification(ttl -> ttl.attributeName(attribute).enabled(true)));
        }
    }
}
