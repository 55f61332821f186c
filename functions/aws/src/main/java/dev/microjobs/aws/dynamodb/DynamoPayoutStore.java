package dev.microjobs.aws.dynamodb;

import dev.microjobs.core.domain.Money;
import dev.microjobs.core.payouts.Payout;
import dev.microjobs.core.payouts.PayoutState;
import dev.microjobs.core.ports.PayoutStore;
import dev.microjobs.core.review.PayoutHistory;
import dev.microjobs.core.review.WorkerPayout;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Payouts as items ({@code PAYOUT#<id>}/{@code PAYOUT}), listed per worker newest first on
 * {@code gsi1} ({@code WORKER#<id>#PAYOUTS}). A payout takes its tasks out of the worker's
 * {@code unpaidTaskIds} (see {@link BalanceItems}) in the transaction that creates it, so two
 * settlements can never put one task in two payouts.
 */
@Singleton
public class DynamoPayoutStore implements PayoutStore, PayoutHistory {
    private static final String PREFIX = "PAYOUT#";
    private static final String SK = "PAYOUT";
    private static final int WORKER_HISTORY = 50;
    /** Payouts not yet PAID, on gsi2 by last change: the sweeper's list of stalled payouts. */
    static final String OPEN_PAYOUTS = "OPEN_PAYOUTS";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPayoutStore(DynamoDbClient dynamo, TableConfiguration table) {
        this.dynamo = dynamo;
        this.table = table.getName();
    }

    static String historyPartition(String workerId) {
        return "WORKER#" + workerId + "#PAYOUTS";
    }

    @Override
    public List<String> unpaidTaskIds(String workerId, String currency) {
        var response = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Item.key("WORKER#" + workerId, BalanceItems.workerEarningsSortKey(currency)))
                .projectionExpression("unpaidTaskIds"));
        if (!response.hasItem() || !response.item().containsKey("unpaidTaskIds")) {
            return List.of();
        }
        return response.item().get("unpaidTaskIds").ss().stream().sorted().toList();
    }

    @Override
    public boolean create(Payout payout) {
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < payout.taskIds().size(); i++) {
            values.put(":t" + i, Item.s(payout.taskIds().get(i)));
            conditions.add("contains(unpaidTaskIds, :t" + i + ")");
        }
        values.put(":taken", AttributeValue.fromSs(payout.taskIds()));
        Update takeTasks = Update.builder()
                .tableName(table)
                .key(Item.key("WORKER#" + payout.workerId(), BalanceItems.workerEarningsSortKey(payout.amount().currency())))
                .updateExpression("DELETE unpaidTaskIds :taken")
                .conditionExpression(String.join(" AND ", conditions))
                .expressionAttributeValues(values)
                .build();
        Put put = Put.builder().tableName(table).item(toItem(payout).attributes())
                .conditionExpression("attribute_not_exists(pk)").build();
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(put).build(),
                    TransactWriteItem.builder().update(takeTasks).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e, 1) || Transactions.conflicted(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean update(Payout before, Payout after) {
        return ConditionalUpdates.apply(dynamo, transition(table, before, after));
    }

    @Override
    public List<Payout> open(String workerId, String currency) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName("gsi1")
                .keyConditionExpression("gsi1pk = :pk")
                .filterExpression("#state <> :paid AND currency = :currency")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(
                        ":pk", Item.s(historyPartition(workerId)),
                        ":paid", Item.s(PayoutState.PAID.name()),
                        ":currency", Item.s(currency)))
                .build();
        // The index projects state and currency for the filter, and is eventually consistent: each
        // payout is re-read before it is worked on.
        return dynamo.queryPaginator(query).items().stream()
                .map(item -> find(Item.of(item).string(Item.GSI1SK)))
                .flatMap(Optional::stream)
                .filter(payout -> payout.state().isOpen())
                .toList();
    }

    @Override
    public List<Payout> history(String workerId, int limit) {
        var response = dynamo.query(q -> q.tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Item.s(historyPartition(workerId))))
                .scanIndexForward(false)
                .limit(limit));
        return Batches.getInOrder(dynamo, table, response.items()).stream().map(Item::of).map(DynamoPayoutStore::fromItem).toList();
    }

    /** What the worker sees of their payouts: a failed one says why, and that it is retried. */
    @Override
    public List<WorkerPayout> payoutsOf(String workerId) {
        return history(workerId, WORKER_HISTORY).stream()
                .map(payout -> new WorkerPayout(payout.id(), payout.amount(), payout.state().name().toLowerCase(Locale.ROOT),
                        payout.lastError(), payout.createdAt()))
                .toList();
    }

    @Override
    public Optional<Payout> find(String payoutId) {
        var response = dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(Item.key(PREFIX + payoutId, SK)));
        return response.hasItem() ? Optional.of(fromItem(Item.of(response.item()))) : Optional.empty();
    }

    @Override
    public List<Unpaid> workersWithUnpaidTasks() {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName("gsi1")
                .keyConditionExpression("gsi1pk = :unpaid")
                // Projected into the index for this filter: workers without unpaid tasks cost no read.
                .filterExpression("attribute_exists(unpaidTaskIds)")
                .expressionAttributeValues(Map.of(":unpaid", Item.s(BalanceItems.UNPAID_INDEX)))
                .build();
        return dynamo.queryPaginator(query).items().stream().map(Item::of)
                .map(item -> new Unpaid(item.string(Item.PK).substring("WORKER#".length()), item.string("currency")))
                .toList();
    }

    @Override
    public List<Payout> stalled(Instant before) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName("gsi2")
                .keyConditionExpression("gsi2pk = :open AND gsi2sk < :before")
                .expressionAttributeValues(Map.of(
                        ":open", Item.s(OPEN_PAYOUTS),
                        ":before", Item.s(before.toString())))
                .build();
        // Read by key: one paid since the index was read is no longer stalled.
        return Batches.queryItems(dynamo, table, query).stream().map(Item::of).map(DynamoPayoutStore::fromItem)
                .filter(payout -> payout.state().isOpen())
                .toList();
    }

    /** The update that turns {@code before} into {@code after}, only if the payout is still {@code before}. */
    static Update transition(String table, Payout before, Payout after) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":state", Item.s(after.state().name()),
                ":attempts", Item.n(after.attempts()),
                ":updatedAt", Item.s(after.updatedAt().toString()),
                ":expectedState", Item.s(before.state().name()),
                ":expectedAttempts", Item.n(before.attempts())));
        List<String> sets = new ArrayList<>(List.of("#state = :state", "attempts = :attempts", "updatedAt = :updatedAt"));
        List<String> removes = new ArrayList<>();
        ConditionalUpdates.setOrRemove("providerReference", after.reference(), sets, removes, values);
        ConditionalUpdates.setOrRemove("lastError", after.lastError(), sets, removes, values);
        if (after.state() == PayoutState.PAID) {
            removes.add("gsi2pk");
            removes.add("gsi2sk");
        } else {
            sets.add("gsi2sk = :stalledSince");
            values.put(":stalledSince", Item.s(openPayoutSortKey(after)));
        }
        return Update.builder()
                .tableName(table)
                .key(Item.key(PREFIX + after.id(), SK))
                .updateExpression("SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes)))
                .conditionExpression("#state = :expectedState AND attempts = :expectedAttempts")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(values)
                .build();
    }

    private static Item toItem(Payout payout) {
        return Item.withKey(PREFIX + payout.id(), SK)
                .put("type", "PAYOUT")
                .put("workerId", payout.workerId())
                .put("amount", payout.amount().amount())
                .put("currency", payout.amount().currency())
                .putStrings("taskIds", payout.taskIds())
                .put("state", payout.state().name())
                .put("provider", payout.provider())
                .put("attempts", payout.attempts())
                .put("providerReference", payout.reference())
                .put("lastError", payout.lastError())
                .put("createdAt", payout.createdAt())
                .put("updatedAt", payout.updatedAt())
                .put(Item.GSI1PK, historyPartition(payout.workerId()))
                .put(Item.GSI1SK, payout.id())
                .put(Item.GSI2PK, OPEN_PAYOUTS)
                .put(Item.GSI2SK, openPayoutSortKey(payout));
    }

    /** Sorted by last change, so the sweeper asks for the ones untouched for a while. */
    private static String openPayoutSortKey(Payout payout) {
        return payout.updatedAt() + "#" + payout.id();
    }

    private static Payout fromItem(Item item) {
        return new Payout(
                item.string(Item.PK).substring(PREFIX.length()),
                item.string("workerId"),
                new Money(item.number("amount"), item.string("currency")),
                item.strings("taskIds"),
                PayoutState.valueOf(item.string("state")),
                item.string("provider"),
                (int) item.number("attempts"),
                item.optionalString("providerReference").orElse(null),
                item.optionalString("lastError").orElse(null),
                item.instant("createdAt"),
                item.instant("updatedAt"));
    }
}
