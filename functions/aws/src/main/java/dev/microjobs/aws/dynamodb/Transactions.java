package dev.microjobs.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;

/** Reading why DynamoDB cancelled a transaction, item by item. */
final class Transactions {
    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";

    private Transactions() {
    }

    /** True when the item at {@code index} failed its own condition (not a conflict or throttle). */
    static boolean failedCondition(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.size() > index
                && CONDITIONAL_CHECK_FAILED.equals(reasons.get(index).code());
    }

    /** True when another transaction touched the same items at the same time: safe to retry. */
    static boolean conflicted(TransactionCanceledException e) {
        return e.cancellationReasons() != null && e.cancellationReasons().stream()
                .anyMatch(r -> TRANSACTION_CONFLICT.equals(r.code()));
    }
}
