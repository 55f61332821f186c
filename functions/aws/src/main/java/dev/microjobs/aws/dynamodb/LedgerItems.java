package dev.microjobs.aws.dynamodb;

import dev.microjobs.core.domain.Money;
import dev.microjobs.core.ledger.EntryReason;
import dev.microjobs.core.ledger.LedgerEntry;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Ledger entries as items: {@code LEDGER#<entryId>}. An entry is put only if absent, so a
 * retried transaction cannot write it twice. Entries are in no index: nothing queries them by
 * account (balances live on their items, {@code ledger-verify} scans), and in the transactions
 * that write entries every index entry would be billed as a transactional write of its own.
 */
final class LedgerItems {

    private LedgerItems() {
    }

    static TransactWriteItem put(String table, LedgerEntry entry) {
        Item item = Item.withKey("LEDGER#" + entry.id(), "ENTRY")
                .put("type", "LEDGER_ENTRY")
                .put("from", entry.from())
                .put("to", entry.to())
                .put("amount", entry.amount().amount())
                .put("currency", entry.amount().currency())
                .put("reason", entry.reason().name())
                .put("jobId", entry.jobId())
                .put("taskId", entry.taskId())
                .put("at", entry.at());
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(item.attributes())
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build();
    }

    static LedgerEntry read(Item item) {
        return new LedgerEntry(
                item.string(Item.PK).substring("LEDGER#".length()),
                item.string("from"),
                item.string("to"),
                new Money(item.number("amount"), item.string("currency")),
                EntryReason.valueOf(item.string("reason")),
                item.optionalString("jobId").orElse(null),
                item.optionalString("taskId").orElse(null),
                item.instant("at"));
    }
}
