package dev.microjobs.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionCostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The app's table in short: gsi1 keyed by gsi1pk/gsi1sk, projecting state besides the keys. */
    private static final String TABLE = """
            {"KeySchema": [{"AttributeName": "pk"}, {"AttributeName": "sk"}],
             "GlobalSecondaryIndexes": [{"KeySchema": [{"AttributeName": "gsi1pk"}, {"AttributeName": "gsi1sk"}],
                                         "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["state"]}}]}""";

    /** Answers reads with the items as they are before, then, once {@link #commit} is called, after. */
    private static final class Items implements TransactionCost.Store {
        private List<JsonNode> current;
        private final List<JsonNode> after;

        Items(List<JsonNode> before, List<JsonNode> after) {
            this.current = before;
            this.after = after;
        }

        void commit() {
            current = after;
        }

        @Override
        public List<JsonNode> batchGet(ObjectNode request) {
            return new ArrayList<>(current);
        }

        @Override
        public JsonNode describe(String table) {
            return read(TABLE);
        }
    }

    @Test
    void aProjectedAttributeChangedUnderTheSameIndexKeysRewritesTheEntryOnce() {
        JsonNode before = task("APPROVED", "JOB#1", "APPROVED#1", "notes");
        JsonNode after = task("PAID", "JOB#1", "APPROVED#1", "notes");

        assertEquals(new TransactionCost.Units(2, 2), unitsOfUpdate(before, after));
    }

    @Test
    void aChangeOfIndexKeysDeletesTheOldEntryAndPutsTheNewOne() {
        JsonNode before = task("SUBMITTED", "JOB#1", "SUBMITTED#1", "notes");
        JsonNode after = task("APPROVED", "JOB#1", "APPROVED#1", "notes");

        assertEquals(new TransactionCost.Units(2, 4), unitsOfUpdate(before, after));
    }

    @Test
    void aChangeOfAnAttributeTheIndexDoesNotProjectLeavesItAlone() {
        JsonNode before = task("PAID", "JOB#1", "PAID#1", "notes");
        JsonNode after = task("PAID", "JOB#1", "PAID#1", "other notes");

        assertEquals(new TransactionCost.Units(2, 0), unitsOfUpdate(before, after));
    }

    @Test
    void anItemIsBilledOnTheLargerOfItsTwoImages() {
        JsonNode before = task("PAID", "JOB#1", "PAID#1", "x".repeat(3_000));
        JsonNode after = task("PAID", "JOB#1", "PAID#1", "short");

        assertEquals(new TransactionCost.Units(6, 0), unitsOfUpdate(before, after), "3 KB started: 3 units, twice over");
    }

    private static TransactionCost.Units unitsOfUpdate(JsonNode before, JsonNode after) {
        Items items = new Items(List.of(before), List.of(after));
        TransactionCost cost = new TransactionCost(items);
        ObjectNode request = JSON.createObjectNode();
        request.putArray("TransactItems").addObject().putObject("Update").put("TableName", "t")
                .set("Key", read("{\"pk\": {\"S\": \"TASK#1\"}, \"sk\": {\"S\": \"TASK\"}}"));
        TransactionCost.Before read = cost.before(request);
        items.commit();
        return cost.units(read);
    }

    private static JsonNode task(String state, String gsi1pk, String gsi1sk, String notes) {
        ObjectNode item = JSON.createObjectNode();
        item.putObject("pk").put("S", "TASK#1");
        item.putObject("sk").put("S", "TASK");
        item.putObject("state").put("S", state);
        item.putObject("gsi1pk").put("S", gsi1pk);
        item.putObject("gsi1sk").put("S", gsi1sk);
        item.putObject("notes").put("S", notes);
        return item;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
