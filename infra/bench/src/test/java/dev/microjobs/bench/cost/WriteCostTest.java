package dev.microjobs.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteCostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The app's table in short: gsi1 keyed by gsi1pk/gsi1sk, projecting state besides the keys. */
    private static final String TABLE = """
            {"KeySchema": [{"AttributeName": "pk"}, {"AttributeName": "sk"}],
             "GlobalSecondaryIndexes": [{"KeySchema": [{"AttributeName": "gsi1pk"}, {"AttributeName": "gsi1sk"}],
                                         "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["state"]}}]}""";

    /** Answers reads with the items as they are before, then, once {@link #commit} is called, after. */
    private static final class Items implements WriteCost.Store {
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

        assertEquals(new WriteCost.Units(2, 2), unitsOfUpdate(before, after));
    }

    @Test
    void aChangeOfIndexKeysDeletesTheOldEntryAndPutsTheNewOne() {
        JsonNode before = task("SUBMITTED", "JOB#1", "SUBMITTED#1", "notes");
        JsonNode after = task("APPROVED", "JOB#1", "APPROVED#1", "notes");

        assertEquals(new WriteCost.Units(2, 4), unitsOfUpdate(before, after));
    }

    @Test
    void aChangeOfAnAttributeTheIndexDoesNotProjectLeavesItAlone() {
        JsonNode before = task("PAID", "JOB#1", "PAID#1", "notes");
        JsonNode after = task("PAID", "JOB#1", "PAID#1", "other notes");

        assertEquals(new WriteCost.Units(2, 0), unitsOfUpdate(before, after));
    }

    @Test
    void anItemIsBilledOnTheLargerOfItsTwoImages() {
        JsonNode before = task("PAID", "JOB#1", "PAID#1", "x".repeat(3_000));
        JsonNode after = task("PAID", "JOB#1", "PAID#1", "short");

        assertEquals(new WriteCost.Units(6, 0), unitsOfUpdate(before, after), "3 KB started: 3 units, twice over");
    }

    @Test
    void aPartiqlUpdateIsBilledOnceForTheItemItsWhereNames() {
        JsonNode before = task("DRAFTING", "JOB#1", "DRAFTING#1", "notes");
        JsonNode after = task("READY", "JOB#1", "READY#1", "notes and a draft");
        Items items = new Items(List.of(before), List.of(after));
        WriteCost cost = new WriteCost(items);
        ObjectNode request = JSON.createObjectNode();
        ObjectNode statement = request.putArray("Statements").addObject()
                .put("Statement", "UPDATE \"t\" SET \"state\" = ? SET \"gsi1sk\" = ? WHERE \"pk\" = ? AND \"sk\" = ? AND \"state\" = ?");
        statement.putArray("Parameters").add(read("{\"S\": \"READY\"}")).add(read("{\"S\": \"READY#1\"}"))
                .add(read("{\"S\": \"TASK#1\"}")).add(read("{\"S\": \"TASK\"}")).add(read("{\"S\": \"DRAFTING\"}"));
        request.withArray("Statements").addObject().put("Statement", "SELECT * FROM \"t\"");

        WriteCost.Before read = cost.beforeStatements(request);
        items.commit();

        assertEquals(1, read.actions().size(), "the SELECT is no write");
        assertEquals(read("{\"pk\": {\"S\": \"TASK#1\"}, \"sk\": {\"S\": \"TASK\"}}"), read.actions().get(0).key());
        assertEquals(new WriteCost.Units(1, 2), cost.units(read, 1, action -> true), "the item, and its entry moved in gsi1");
        assertEquals(new WriteCost.Units(0, 0), cost.units(read, 1, action -> false), "a statement whose condition failed");
    }

    private static WriteCost.Units unitsOfUpdate(JsonNode before, JsonNode after) {
        Items items = new Items(List.of(before), List.of(after));
        WriteCost cost = new WriteCost(items);
        ObjectNode request = JSON.createObjectNode();
        request.putArray("TransactItems").addObject().putObject("Update").put("TableName", "t")
                .set("Key", read("{\"pk\": {\"S\": \"TASK#1\"}, \"sk\": {\"S\": \"TASK\"}}"));
        WriteCost.Before read = cost.beforeTransaction(request);
        items.commit();
        return cost.units(read, 2, action -> true);
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
