package dev.microjobs.core.domain;

import java.util.Objects;

/** The checks a per-task reward and fee share wherever they are stored. */
final class Prices {

    private Prices() {
    }

    static void requireRewardAndFee(Money reward, Money fee) {
        Objects.requireNonNull(reward, "reward is required");
        Objects.requireNonNull(fee, "fee is required");
        if (reward.isNegative() || fee.isNegative()) {
            throw new IllegalArgumentException("reward and fee must not be negative, got " + reward + " and " + fee);
        }
        if (!reward.currency().equals(fee.currency())) {
            throw new IllegalArgumentException("reward and fee must share a currency, got " + reward + " and " + fee);
        }
    }
}
