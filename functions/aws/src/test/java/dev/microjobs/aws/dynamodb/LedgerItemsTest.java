package dev.microjobs.aws.dynamodb;

import dev.microjobs.core.domain.Money;
import dev.microjobs.core.ledger.EntryReason;
import dev.microjobs.core.ledger.LedgerEntry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Put;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class LedgerItemsTest {
    private static final LedgerEntry REWARD = new LedgerEntry("led_01", "business:biz_01:escrow", "worker:wkr_01:earnings",
            new Money(25, "USD"), EntryReason.REWARD, "job_01", "task_01", Instant.parse("2026-11-22T06:00:00Z"));

    @Test
    void anEntryIsPutOnlyIfAbsentAndReadsBack() {
        Put put = LedgerItems.put("table", REWARD).put();

        assertEquals("attribute_not_exists(pk)", put.conditionExpression());
        assertEquals(REWARD, LedgerItems.read(Item.of(put.item())));
    }

    @Test
    void anEntryIsInNoIndexSoItsPutWritesOnlyTheItem() {
        var attributes = LedgerItems.put("table", REWARD).put().item();

        List.of(Item.GSI1PK, Item.GSI1SK, Item.GSI2PK, Item.GSI2SK)
                .forEach(key -> assertFalse(attributes.containsKey(key), key + " in " + attributes.keySet()));
    }
}
