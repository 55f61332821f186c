package dev.microjobs.aws.dynamodb;

import dev.microjobs.core.ledger.EntryReason;
import dev.microjobs.core.ledger.LedgerAccount;
import dev.microjobs.core.ledger.LedgerEntry;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where ledger balances live: a business's {@code available} and {@code escrow} on its account
 * item ({@code BUSINESS#<id>}/{@code ACCOUNT}, with the {@code spent} statistic), a worker's
 * {@code earnings} and {@code payable} per currency on {@code WORKER#<id>}/{@code EARNINGS#<cur>}
 * (with the {@code paidOut} statistic and the set of approved tasks no payout covers yet,
 * {@code unpaidTaskIds}). Platform fees and the external accounts keep no balance item: they are
 * the sums of their entries, which {@code ledger-verify} computes, and so no approval anywhere
 * contends for one hot item.
 *
 * <p>Entries are turned into one update per item (a transaction may touch an item once), and
 * every balance an update lowers is conditioned on staying at or above zero.
 */
final class BalanceItems {
    static final String EARNINGS_PREFIX = "EARNINGS#";
    static final String UNPAID_INDEX = "UNPAID";
    private static final Set<EntryReason> SPENDING = Set.of(EntryReason.REWARD, EntryReason.PLATFORM_FEE);

    private BalanceItems() {
    }

    /** A balance attribute of an item. */
    record Balance(String pk, String sk, String attribute) {
    }

    static String workerEarningsSortKey(String currency) {
        return EARNINGS_PREFIX + currency;
    }

    /** The item and attribute holding an account's balance, or null for accounts that keep none. */
    static Balance balanceOf(String account, String currency) {
        String[] parts = account.split(":");
        if (parts.length == 3 && parts[0].equals("business")) {
            return new Balance(DynamoAccountStore.BUSINESS_PREFIX + parts[1], DynamoAccountStore.ACCOUNT_SK, parts[2]);
        }
        if (parts.length == 3 && parts[0].equals("worker")) {
            return new Balance("WORKER#" + parts[1], workerEarningsSortKey(currency), parts[2]);
        }
        return null;
    }

    /** The updates that apply {@code entries} to the balance items. */
    static List<TransactWriteItem> updates(String table, List<LedgerEntry> entries) {
        Map<String, ItemUpdate> byItem = new LinkedHashMap<>();
        for (LedgerEntry entry : entries) {
            String currency = entry.amount().currency();
            long amount = entry.amount().amount();
            Balance from = balanceOf(entry.from(), currency);
            Balance to = balanceOf(entry.to(), currency);
            if (from != null) {
                item(byItem, from, currency).add(from.attribute(), -amount);
                if (SPENDING.contains(entry.reason()) && entry.from().startsWith("business:")) {
                    item(byItem, from, currency).add("spent", amount);
                }
                if (entry.reason() == EntryReason.PAYOUT && entry.to().equals(LedgerAccount.EXTERNAL_PAYOUTS)) {
                    item(byItem, from, currency).add("paidOut", amount);
                }
            }
            if (to != null) {
                ItemUpdate update = item(byItem, to, currency);
                update.add(to.attribute(), amount);
                if (entry.reason() == EntryReason.REWARD && entry.taskId() != null) {
                    update.unpaidTaskIds.add(entry.taskId());
                    update.workerId = entry.to().split(":")[1];
                }
            }
        }
        return byItem.values().stream().map(update -> update.toWrite(table)).toList();
    }

    private static ItemUpdate item(Map<String, ItemUpdate> byItem, Balance balance, String currency) {
        return byItem.computeIfAbsent(balance.pk() + "|" + balance.sk(), k -> new ItemUpdate(balance.pk(), balance.sk(), currency));
    }

    private static final class ItemUpdate {
        final String pk;
        final String sk;
        final String currency;
        final Map<String, Long> deltas = new LinkedHashMap<>();
        final List<String> unpaidTaskIds = new ArrayList<>();
        String workerId;

        ItemUpdate(String pk, String sk, String currency) {
            this.pk = pk;
            this.sk = sk;
            this.currency = currency;
        }

        void add(String attribute, long delta) {
            deltas.merge(attribute, delta, Long::sum);
        }

        TransactWriteItem toWrite(String table) {
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            List<String> adds = new ArrayList<>();
            List<String> conditions = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, Long> delta : deltas.entrySet()) {
                String name = "#a" + i;
                String value = ":d" + i;
                names.put(name, delta.getKey());
                values.put(value, Item.n(delta.getValue()));
                adds.add(name + " " + value);
                if (delta.getValue() < 0) {
                    values.put(":need" + i, Item.n(-delta.getValue()));
                    conditions.add(name + " >= :need" + i);
                }
                i++;
            }
            if (!unpaidTaskIds.isEmpty()) {
                adds.add("unpaidTaskIds :unpaid");
                values.put(":unpaid", AttributeValue.fromSs(unpaidTaskIds));
            }
            StringBuilder expression = new StringBuilder("ADD ").append(String.join(", ", adds));
            if (sk.startsWith(EARNINGS_PREFIX)) {
                // Created by the first reward; listed in the index of workers with unpaid earnings.
                expression.append(" SET currency = :currency, #type = :type");
                values.put(":currency", Item.s(currency));
                values.put(":type", Item.s("WORKER_EARNINGS"));
                names.put("#type", "type");
                if (workerId != null) {
                    expression.append(", gsi1pk = :unpaidIndex, gsi1sk = :unpaidKey");
                    values.put(":unpaidIndex", Item.s(UNPAID_INDEX));
                    values.put(":unpaidKey", Item.s(workerId + "#" + currency));
                }
            }
            Update.Builder update = Update.builder()
                    .tableName(table)
                    .key(Item.key(pk, sk))
                    .updateExpression(expression.toString())
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values);
            if (!conditions.isEmpty()) {
                update.conditionExpression(String.join(" AND ", conditions));
            }
            return TransactWriteItem.builder().update(update.build()).build();
        }
    }
}
