package dev.microjobs.bench.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What AWS bills a write for, worked out from the items it changed, for the writes DynamoDB Local
 * reports wrongly: transactions, wrong in both directions (pinned by {@code DynamoDbLocalCapacityIT}:
 * a 2.5 KB item at 12 units where AWS bills 6, four small items at 4 where AWS bills 8), and
 * PartiQL {@code UPDATE}s in a {@code BatchExecuteStatement}, reported at nothing. A write costs a
 * unit per started KB of the larger of the item before and after it, and for each global
 * secondary index a unit per started KB of each index entry it puts or deletes (an entry whose
 * keys change is deleted and put again; one whose keys and projected attributes stay as they were
 * costs nothing). A transaction pays all of it twice over (prepare and commit); counting its index
 * writes twice too is the upper reading, and {@link Units#indexUnits()} says how much they are.
 *
 * <p>The items are read from DynamoDB Local itself, before the write is forwarded and after its
 * answer, by one {@code BatchGetItem} each, which the meter does not count.
 */
final class WriteCost {

    /** Reads DynamoDB Local without being metered. */
    interface Store {
        /** @return the items found, in DynamoDB's JSON, for a {@code BatchGetItem} request body */
        List<JsonNode> batchGet(ObjectNode request);

        /** @return the {@code Table} of a {@code DescribeTable} answer */
        JsonNode describe(String table);
    }

    /** @param itemUnits the items' writes; @param indexUnits the index entries' */
    record Units(double itemUnits, double indexUnits) {
        double total() {
            return itemUnits + indexUnits;
        }
    }

    /** The items a write is about to change, as they are before it. */
    record Before(List<Action> actions, Map<Action, JsonNode> images) {
    }

    /** @param position the action's place in its request (a transaction's items, a batch's statements) */
    record Action(int position, String table, JsonNode key, Optional<JsonNode> putItem, boolean deletes) {
    }

    /** {@code UPDATE "table" ... WHERE ... "pk" = ? AND "sk" = ?}: the table, and where its keys' parameters are. */
    private static final Pattern UPDATE_TABLE = Pattern.compile("^\\s*UPDATE\\s+\"?([^\"\\s]+)\"?", Pattern.CASE_INSENSITIVE);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BATCH_GET_KEYS = 100;

    private final Store store;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();

    WriteCost(Store store) {
        this.store = store;
    }

    /** Reads the items a {@code TransactWriteItems} names, before it is sent. */
    Before beforeTransaction(JsonNode request) {
        return before(request.path("TransactItems"), this::action);
    }

    /** Reads the items the {@code UPDATE}s of a {@code BatchExecuteStatement} name, before it is sent. */
    Before beforeStatements(JsonNode request) {
        return before(request.path("Statements"), this::update);
    }

    private Before before(JsonNode elements, BiFunction<Integer, JsonNode, Optional<Action>> actionAt) {
        List<Action> actions = new ArrayList<>();
        for (int position = 0; position < elements.size(); position++) {
            actionAt.apply(position, elements.get(position)).ifPresent(actions::add);
        }
        return new Before(actions, read(actions));
    }

    /**
     * The units of the actions that were applied, once the write is answered: reads the items as
     * it left them.
     *
     * @param timesBilled 2 for a transaction, 1 otherwise
     */
    Units units(Before before, int timesBilled, Predicate<Action> applied) {
        List<Action> changed = before.actions().stream().filter(applied).toList();
        Map<Action, JsonNode> after = read(changed);
        double items = 0;
        double indexes = 0;
        for (Action action : changed) {
            JsonNode old = before.images().get(action);
            JsonNode now = action.deletes() ? null : after.getOrDefault(action, action.putItem().orElse(null));
            long larger = Math.max(old == null ? 0 : ItemSize.bytes(old), now == null ? 0 : ItemSize.bytes(now));
            items += timesBilled * ItemSize.kilobyteUnits(larger);
            indexes += timesBilled * table(action.table()).indexWrites(old, now);
        }
        return new Units(items, indexes);
    }

    private Optional<Action> action(int position, JsonNode transactItem) {
        if (transactItem.has("Put")) {
            JsonNode put = transactItem.get("Put");
            String table = put.path("TableName").asText();
            return Optional.of(new Action(position, table, table(table).keyOf(put.path("Item")), Optional.of(put.path("Item")),
                    false));
        }
        for (String kind : List.of("Update", "Delete", "ConditionCheck")) {
            if (transactItem.has(kind)) {
                JsonNode action = transactItem.get(kind);
                return Optional.of(new Action(position, action.path("TableName").asText(), action.path("Key"), Optional.empty(),
                        kind.equals("Delete")));
            }
        }
        return Optional.empty();
    }

    /** An {@code UPDATE} whose WHERE names each key attribute {@code = ?}; empty for any other statement. */
    private Optional<Action> update(int position, JsonNode request) {
        String statement = request.path("Statement").asText();
        Matcher update = UPDATE_TABLE.matcher(statement);
        if (!update.find()) {
            return Optional.empty();
        }
        String table = update.group(1);
        int where = statement.toUpperCase(Locale.ROOT).lastIndexOf(" WHERE ");
        if (where < 0) {
            return Optional.empty();
        }
        ObjectNode key = JSON.createObjectNode();
        for (String name : table(table).keys()) {
            Matcher equals = Pattern.compile("\"?\\b" + Pattern.quote(name) + "\\b\"?\\s*=\\s*\\?").matcher(statement);
            if (!equals.find(where)) {
                return Optional.empty();
            }
            int parameter = (int) statement.substring(0, equals.end() - 1).chars().filter(c -> c == '?').count();
            key.set(name, request.path("Parameters").path(parameter));
        }
        return Optional.of(new Action(position, table, key, Optional.empty(), false));
    }

    private Map<Action, JsonNode> read(List<Action> actions) {
        Map<Action, JsonNode> images = new HashMap<>();
        for (int from = 0; from < actions.size(); from += MAX_BATCH_GET_KEYS) {
            List<Action> chunk = actions.subList(from, Math.min(actions.size(), from + MAX_BATCH_GET_KEYS));
            ObjectNode request = JSON.createObjectNode();
            ObjectNode requestItems = request.putObject("RequestItems");
            for (Action action : chunk) {
                ObjectNode perTable = (ObjectNode) requestItems.get(action.table());
                if (perTable == null) {
                    perTable = requestItems.putObject(action.table());
                    perTable.put("ConsistentRead", true);
                    perTable.putArray("Keys");
                }
                perTable.withArray("Keys").add(action.key());
            }
            for (JsonNode item : store.batchGet(request)) {
                for (Action action : chunk) {
                    if (table(action.table()).keyOf(item).equals(action.key())) {
                        images.put(action, item);
                    }
                }
            }
        }
        return images;
    }

    private Table table(String name) {
        return tables.computeIfAbsent(name, table -> Table.of(store.describe(table)));
    }

    /** A table's key attributes and its global secondary indexes. */
    record Table(List<String> keys, List<Index> indexes) {

        static Table of(JsonNode description) {
            List<Index> indexes = new ArrayList<>();
            for (JsonNode index : description.path("GlobalSecondaryIndexes")) {
                JsonNode projection = index.path("Projection");
                List<String> included = new ArrayList<>();
                projection.path("NonKeyAttributes").forEach(name -> included.add(name.asText()));
                indexes.add(new Index(keyNames(index.path("KeySchema")), projection.path("ProjectionType").asText("ALL"),
                        included));
            }
            return new Table(keyNames(description.path("KeySchema")), indexes);
        }

        JsonNode keyOf(JsonNode item) {
            ObjectNode key = JSON.createObjectNode();
            keys.forEach(name -> key.set(name, item.get(name)));
            return key;
        }

        /** Index entries written (put or deleted) by a write from {@code old} to {@code now}, in started KBs. */
        int indexWrites(JsonNode old, JsonNode now) {
            int units = 0;
            for (Index index : indexes) {
                Optional<JsonNode> before = index.entry(old, keys);
                Optional<JsonNode> after = index.entry(now, keys);
                if (before.isPresent() && after.isPresent() && index.sameKeys(before.get(), after.get())) {
                    units += before.get().equals(after.get()) ? 0 : ItemSize.kilobyteUnits(ItemSize.bytes(after.get()));
                } else {
                    units += before.map(entry -> ItemSize.kilobyteUnits(ItemSize.bytes(entry))).orElse(0);
                    units += after.map(entry -> ItemSize.kilobyteUnits(ItemSize.bytes(entry))).orElse(0);
                }
            }
            return units;
        }

        private static List<String> keyNames(JsonNode keySchema) {
            List<String> names = new ArrayList<>();
            keySchema.forEach(element -> names.add(element.path("AttributeName").asText()));
            return names;
        }
    }

    /** A global secondary index: its key attributes and what it projects ({@code ALL}, {@code KEYS_ONLY} or {@code INCLUDE}). */
    record Index(List<String> keys, String projectionType, List<String> included) {

        /** The item's entry in this index (its keys, the table's keys, the projected attributes), if it has the index's keys. */
        Optional<JsonNode> entry(JsonNode item, List<String> tableKeys) {
            if (item == null || !keys.stream().allMatch(item::has)) {
                return Optional.empty();
            }
            if (projectionType.equals("ALL")) {
                return Optional.of(item);
            }
            ObjectNode entry = JSON.createObjectNode();
            List<String> names = new ArrayList<>(tableKeys);
            names.addAll(keys);
            if (projectionType.equals("INCLUDE")) {
                names.addAll(included);
            }
            names.stream().filter(item::has).forEach(name -> entry.set(name, item.get(name)));
            return Optional.of(entry);
        }

        boolean sameKeys(JsonNode before, JsonNode after) {
            return keys.stream().allMatch(name -> before.get(name).equals(after.get(name)));
        }
    }
}
