package dev.microjobs.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.microjobs.local.aws.AwsClients;
import dev.microjobs.local.aws.EmbeddedDynamoDb;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * What DynamoDB Local (the version this build uses) reports as consumed capacity, beside what AWS
 * bills for the same request, for the cases BENCHMARKS.md ("Cost") relies on: the cost figure
 * adds up these reports. Single-item writes are reported as AWS bills them; transactions are
 * not, in either direction. Should an upgrade of DynamoDB Local change any of this, this test
 * says which figure of BENCHMARKS.md to measure again.
 */
class DynamoDbLocalCapacityIT {

    private static final String TABLE = "capacity";
    private static final int SMALL = 500;
    private static final int LARGE = 2_500;

    private static EmbeddedDynamoDb dynamoDbLocal;
    private static DynamoDbClient dynamo;
    /** Every item is new: a put over an existing item is billed on the larger of the two. */
    private static final AtomicInteger KEYS = new AtomicInteger();

    @BeforeAll
    static void startDynamoDbLocal() {
        dynamoDbLocal = EmbeddedDynamoDb.start(0, Optional.empty());
        dynamo = AwsClients.dynamoDb(dynamoDbLocal.endpoint(), "us-east-1");
        dynamo.createTable(create -> create.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(stringAttribute("pk"), stringAttribute("sk"), stringAttribute("gsi1pk"), stringAttribute("gsi1sk"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("gsi1")
                        .keySchema(key("gsi1pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE))
                        .projection(projection -> projection.projectionType(ProjectionType.KEYS_ONLY)).build()));
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        dynamo.close();
        dynamoDbLocal.close();
    }

    @Test
    void singleItemWritesAreReportedAsAwsBillsThem() {
        assertEquals(1.0, putUnits(item(SMALL, false)), "a put of 0.5 KB: 1 unit");
        assertEquals(3.0, putUnits(item(LARGE, false)), "a put of 2.5 KB: 1 unit per started KB");
        assertEquals(2.0, putUnits(item(SMALL, true)), "a put of 0.5 KB into one index: 1 unit more for the index entry");
    }

    @Test
    void aOneItemTransactionIsReportedAtTwiceAwsBill() {
        assertEquals(4.0, transactionUnits(put(item(SMALL, false))), "AWS bills 2");
        assertEquals(12.0, transactionUnits(put(item(LARGE, false))), "AWS bills 6");
        assertEquals(8.0, transactionUnits(put(item(SMALL, true))), "AWS bills 2 and the index entry's write");
    }

    @Test
    void aTransactionOfSeveralSmallItemsIsReportedAsOneOfThem() {
        assertEquals(4.0, transactionUnits(put(item(SMALL, false)), put(item(SMALL, false))), "AWS bills 4");
        assertEquals(4.0, transactionUnits(put(item(SMALL, false)), put(item(SMALL, false)),
                put(item(SMALL, false)), put(item(SMALL, false))), "AWS bills 8");
    }

    @Test
    void aTransactionOfASmallAndALargeItemIsReportedAtTwiceAwsBill() {
        assertEquals(16.0, transactionUnits(put(item(SMALL, false)), put(item(LARGE, false))), "AWS bills 2 + 6");
    }

    @Test
    void theMeterBillsTransactionsAsAwsDoesFromTheItemsTheyChanged() throws InterruptedException {
        Meter meter = new Meter();
        try (MeteringProxy proxy = MeteringProxy.start("dynamodb", dynamoDbLocal.endpoint(), meter, new DynamoDbCapacity());
             DynamoDbClient metered = AwsClients.dynamoDb(proxy.endpoint(), "us-east-1")) {
            assertEquals(2.0, meteredUnits(meter, metered, put(item(SMALL, false))));
            assertEquals(6.0, meteredUnits(meter, metered, put(item(LARGE, false))));
            assertEquals(8.0, meteredUnits(meter, metered, put(item(SMALL, false)), put(item(SMALL, false)),
                    put(item(SMALL, false)), put(item(SMALL, false))));
            assertEquals(8.0, meteredUnits(meter, metered, put(item(SMALL, false)), put(item(LARGE, false))));
            assertEquals(4.0, meteredUnits(meter, metered, put(item(SMALL, true))), "2 for the item, 2 for its index entry");

            Map<String, AttributeValue> indexed = item(SMALL, true);
            dynamo.putItem(put -> put.tableName(TABLE).item(indexed));
            TransactWriteItem moveInIndex = TransactWriteItem.builder().update(update -> update.tableName(TABLE)
                    .key(Map.of("pk", indexed.get("pk"), "sk", indexed.get("sk")))
                    .updateExpression("SET gsi1sk = :moved").expressionAttributeValues(Map.of(":moved", AttributeValue.fromS("t"))))
                    .build();
            assertEquals(6.0, meteredUnits(meter, metered, moveInIndex), "2 for the item, 2 each for the old entry's delete and the new one's put");
            TransactWriteItem outsideTheIndex = TransactWriteItem.builder().update(update -> update.tableName(TABLE)
                    .key(Map.of("pk", indexed.get("pk"), "sk", indexed.get("sk")))
                    .updateExpression("SET notIndexed = :value").expressionAttributeValues(Map.of(":value", AttributeValue.fromS("v"))))
                    .build();
            assertEquals(2.0, meteredUnits(meter, metered, outsideTheIndex), "a keys-only index entry is not touched");
        }
    }

    @Test
    void theMeterBillsPartiqlUpdatesAsAwsDoesFromTheItemsTheyChanged() throws InterruptedException {
        Meter meter = new Meter();
        try (MeteringProxy proxy = MeteringProxy.start("dynamodb", dynamoDbLocal.endpoint(), meter, new DynamoDbCapacity());
             DynamoDbClient metered = AwsClients.dynamoDb(proxy.endpoint(), "us-east-1")) {
            Map<String, AttributeValue> indexed = item(LARGE, true);
            Map<String, AttributeValue> other = item(SMALL, true);
            dynamo.putItem(put -> put.tableName(TABLE).item(indexed));
            dynamo.putItem(put -> put.tableName(TABLE).item(other));
            String update = "UPDATE \"" + TABLE + "\" SET \"gsi1sk\" = ? WHERE \"pk\" = ? AND \"sk\" = ? AND \"gsi1sk\" = ?";
            BatchStatementRequest moves = BatchStatementRequest.builder().statement(update)
                    .parameters(AttributeValue.fromS("t"), indexed.get("pk"), indexed.get("sk"), AttributeValue.fromS("s")).build();
            BatchStatementRequest failsItsCondition = BatchStatementRequest.builder().statement(update)
                    .parameters(AttributeValue.fromS("u"), other.get("pk"), other.get("sk"), AttributeValue.fromS("not s")).build();

            meter.start();
            metered.batchExecuteStatement(batch -> batch.statements(moves, failsItsCondition));

            assertEquals(3.0 + 2.0 + 1.0, Recorded.operations(meter, "dynamodb", 1).get(0).writeUnits(),
                    "the 2.5 KB item, its entry deleted and put again; the statement whose condition failed at the least AWS bills");
        }
    }

    private static double meteredUnits(Meter meter, DynamoDbClient metered, TransactWriteItem... items) throws InterruptedException {
        meter.start();
        metered.transactWriteItems(transaction -> transaction.transactItems(items));
        return Recorded.operations(meter, "dynamodb", 1).stream().mapToDouble(Usage.Operation::writeUnits).sum();
    }

    private double putUnits(Map<String, AttributeValue> item) {
        return dynamo.putItem(put -> put.tableName(TABLE).item(item).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity().capacityUnits();
    }

    private double transactionUnits(TransactWriteItem... items) {
        return dynamo.transactWriteItems(transaction -> transaction.transactItems(items)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity().stream().mapToDouble(ConsumedCapacity::capacityUnits).sum();
    }

    private static TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(put -> put.tableName(TABLE).item(item)).build();
    }

    /** An item of about {@code bytes} bytes (names and values, as DynamoDB sizes items), in the index or not. */
    private static Map<String, AttributeValue> item(int bytes, boolean indexed) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("item-" + KEYS.incrementAndGet()));
        item.put("sk", AttributeValue.fromS("s"));
        if (indexed) {
            item.put("gsi1pk", AttributeValue.fromS("g-" + item.get("pk").s()));
            item.put("gsi1sk", AttributeValue.fromS("s"));
        }
        char[] filler = new char[bytes - 40];
        Arrays.fill(filler, 'x');
        item.put("data", AttributeValue.fromS(new String(filler)));
        return item;
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
