package dev.microjobs.aws.dynamodb;

import dev.microjobs.core.ports.LedgerStore;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.List;

/**
 * One TransactWriteItems per commit: task updates first, then the payout's, then the balance
 * updates and the entries. Which item failed its condition says what happened.
 */
@Singleton
public class DynamoLedgerStore implements LedgerStore {
    private static final int MAX_CONFLICT_RETRIES = 6;

    private final DynamoDbClient dynamo;
    private final String table;
    private final TaskItems taskItems;

    public DynamoLedgerStore(DynamoDbClient dynamo, TableConfiguration table, TaskItems taskItems) {
        this.dynamo = dynamo;
        this.table = table.getName();
        this.taskItems = taskItems;
    }

    @Override
    public Outcome commit(Commit commit) {
        List<TransactWriteItem> writes = new ArrayList<>();
        commit.tasks().forEach(change -> writes.add(TransactWriteItem.builder()
                .update(taskItems.transition(table, change.before(), change.after())).build()));
        commit.payout().ifPresent(change -> writes.add(TransactWriteItem.builder()
                .update(DynamoPayoutStore.transition(table, change.before(), change.after())).build()));
        int stateChanges = writes.size();
        writes.addAll(BalanceItems.updates(table, commit.entries()));
        commit.entries().forEach(entry -> writes.add(LedgerItems.put(table, entry)));
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(writes));
                return Outcome.COMMITTED;
            } catch (TransactionCanceledException e) {
                if (Transactions.conflicted(e) && attempt < MAX_CONFLICT_RETRIES) {
                    Backoff.sleep(attempt);
                    continue;
                }
                for (int i = 0; i < stateChanges; i++) {
                    if (Transactions.failedCondition(e, i)) {
                        return Outcome.MOVED_ON;
                    }
                }
                for (int i = stateChanges; i < writes.size(); i++) {
                    if (Transactions.failedCondition(e, i)) {
                        return Outcome.INSUFFICIENT_FUNDS;
                    }
                }
                throw e;
            }
        }
    }
}
