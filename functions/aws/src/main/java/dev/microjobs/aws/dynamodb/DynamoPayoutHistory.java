package dev.microjobs.aws.dynamodb;

import dev.microjobs.core.ledger.EntryReason;
import dev.microjobs.core.ledger.LedgerAccount;
import dev.microjobs.core.ledger.LedgerEntry;
import dev.microjobs.core.review.PayoutHistory;
import dev.microjobs.core.review.WorkerPayout;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.List;
import java.util.Map;

/**
 * A worker's payouts, read from the ledger: every {@link EntryReason#PAYOUT} entry that moved
 * money out of the worker's earnings account (the account's outgoing entries are one
 * {@code gsi1} query, see {@link LedgerItems}), newest first.
 */
@Singleton
public class DynamoPayoutHistory implements PayoutHistory {
    static final String PAID_OUT = "paid";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPayoutHistory(DynamoDbClient dynamo, TableConfiguration table) {
        this.dynamo = dynamo;
        this.table = table.getName();
    }

    @Override
    public List<WorkerPayout> payoutsOf(String workerId) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName("gsi1")
                .keyConditionExpression("gsi1pk = :account")
                .expressionAttributeValues(Map.of(
                        ":account", Item.s(LedgerItems.ACCOUNT_PREFIX + LedgerAccount.workerEarnings(workerId))))
                .scanIndexForward(false)
                .build();
        return dynamo.queryPaginator(query).items().stream()
                .map(item -> LedgerItems.read(Item.of(item)))
                .filter(entry -> entry.reason() == EntryReason.PAYOUT)
                .map(DynamoPayoutHistory::payout)
                .toList();
    }

    private static WorkerPayout payout(LedgerEntry entry) {
        return new WorkerPayout(entry.id(), entry.amount(), PAID_OUT, entry.at());
    }
}
