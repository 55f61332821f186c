package dev.microjobs.core.payouts;

/**
 * @param minimumAmount earnings below this many minor units wait for more approvals before a
 *     payout is made (0: every approval is paid at once)
 */
public record PayoutPolicy(long minimumAmount) {
    public PayoutPolicy {
        if (minimumAmount < 0) {
            throw new IllegalArgumentException("the minimum payout must not be negative, got " + minimumAmount);
        }
    }
}
