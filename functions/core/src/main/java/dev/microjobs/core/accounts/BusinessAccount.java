package dev.microjobs.core.accounts;

import dev.microjobs.core.domain.Money;

/**
 * A business's money: {@code available} to hold for new jobs, in {@code escrow} for tasks not
 * yet approved or released, and {@code spent} on approved work (rewards plus fees).
 */
public record BusinessAccount(String businessId, Money available, Money escrow, Money spent) {
}
