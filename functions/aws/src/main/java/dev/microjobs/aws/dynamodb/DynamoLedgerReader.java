package dev.microjobs.aws.dynamodb;

import dev.microjobs.core.domain.Money;
import dev.microjobs.core.ledger.LedgerAudit;
import dev.microjobs.core.ledger.LedgerEntry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the whole ledger (every entry and every stored balance) for {@code ledger-verify}. A full
 * scan: an operator's audit, never on a request path.
 */
public class DynamoLedgerReader {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoLedgerReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public LedgerAudit.Report audit() {
        List<LedgerEntry> entries = new ArrayList<>();
        Map<String, Money> balances = new HashMap<>();
        ScanRequest scan = ScanRequest.builder()
                .tableName(table)
                .consistentRead(true)
                .filterExpression("#type IN (:entry, :business, :earnings)")
                .expressionAttributeNames(Map.of("#type", "type"))
                .expressionAttributeValues(Map.of(
                        ":entry", Item.s("LEDGER_ENTRY"),
                        ":business", Item.s("BUSINESS"),
                        ":earnings", Item.s("WORKER_EARNINGS")))
                .build();
        dynamo.scanPaginator(scan).items().stream().map(Item::of).forEach(item -> {
            switch (item.string("type")) {
                case "LEDGER_ENTRY" -> entries.add(LedgerItems.read(item));
                case "BUSINESS" -> {
                    String id = item.string(Item.PK).substring(DynamoAccountStore.BUSINESS_PREFIX.length());
                    String currency = item.string("currency");
                    balances.put("business:" + id + ":available|" + currency, new Money(item.number("available"), currency));
                    balances.put("business:" + id + ":escrow|" + currency, new Money(item.number("escrow"), currency));
                }
                default -> {
                    String id = item.string(Item.PK).substring("WORKER#".length());
                    String currency = item.string("currency");
                    balances.put("worker:" + id + ":earnings|" + currency, new Money(item.numberOrZero("earnings"), currency));
                    balances.put("worker:" + id + ":payable|" + currency, new Money(item.numberOrZero("payable"), currency));
                }
            }
        });
        return LedgerAudit.audit(entries, balances);
    }
}
