package dev.microjobs.core.ledger;

/** Why money moved; stored on every entry so a statement reads on its own. */
public enum EntryReason {
    DEPOSIT,
    ESCROW_HOLD,
    ESCROW_RELEASE,
    REWARD,
    PLATFORM_FEE,
    PAYOUT
}
