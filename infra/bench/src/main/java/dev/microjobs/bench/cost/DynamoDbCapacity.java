package dev.microjobs.bench.cost;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The request units a DynamoDB request is billed for, from the {@code ConsumedCapacity} in its
 * answer. A request that failed (a condition not met, a cancelled transaction) has no answer to
 * read, yet AWS bills it: it is counted at the least it can cost, one unit per item it named
 * (two for transactions). So is an answer that reports no capacity: DynamoDB Local reports none
 * for PartiQL batches.
 */
public final class DynamoDbCapacity {

    private static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems");
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems");
    /** Reads or writes by its statements: a batch holds only SELECTs or only writes. */
    private static final String PARTIQL_BATCH = "BatchExecuteStatement";

    /** Read and write request units. */
    public record Units(double read, double write) {
    }

    /** Whether the operation takes {@code ReturnConsumedCapacity}: the data-plane reads and writes. */
    static boolean reportsCapacity(String operation) {
        return READS.contains(operation) || WRITES.contains(operation) || operation.equals(PARTIQL_BATCH);
    }

    /**
     * @param request the request as sent, or null for operations that report no capacity
     * @param answer  the successful answer, or null when the request failed
     */
    Units units(String operation, JsonNode request, JsonNode answer) {
        if (!reportsCapacity(operation)) {
            return new Units(0, 0);
        }
        boolean answered = answer != null && !answer.path("ConsumedCapacity").isEmpty();
        double units = answered ? reported(answer.path("ConsumedCapacity")) : leastBilled(operation, request);
        return reads(operation, request) ? new Units(units, 0) : new Units(0, units);
    }

    private static boolean reads(String operation, JsonNode request) {
        if (operation.equals(PARTIQL_BATCH)) {
            JsonNode first = request.path("Statements").path(0).path("Statement");
            return first.asText().strip().regionMatches(true, 0, "SELECT", 0, "SELECT".length());
        }
        return READS.contains(operation);
    }

    private static double reported(JsonNode consumed) {
        if (consumed.isArray()) {
            double sum = 0;
            for (JsonNode table : consumed) {
                sum += table.path("CapacityUnits").asDouble();
            }
            return sum;
        }
        return consumed.path("CapacityUnits").asDouble();
    }

    static double leastBilled(String operation, JsonNode request) {
        return switch (operation) {
            case "TransactWriteItems", "TransactGetItems" -> 2.0 * request.path("TransactItems").size();
            case PARTIQL_BATCH -> request.path("Statements").size();
            default -> 1.0;
        };
    }
}
