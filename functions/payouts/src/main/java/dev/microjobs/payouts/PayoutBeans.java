package dev.microjobs.payouts;

import dev.microjobs.core.payouts.LedgerPayoutProvider;
import dev.microjobs.core.payouts.PayoutPolicy;
import dev.microjobs.core.payouts.PayoutProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.List;

/** The configured payout provider ({@code PAYOUT_PROVIDER}) and minimum payout ({@code PAYOUT_MINIMUM_AMOUNT}). */
@Factory
public class PayoutBeans {

    @Singleton
    PayoutPolicy payoutPolicy(@Value("${microjobs.payouts.minimum-amount}") long minimumAmount) {
        return new PayoutPolicy(minimumAmount);
    }

    @Singleton
    PayoutProvider payoutProvider(@Value("${microjobs.payouts.provider}") String name) {
        List<PayoutProvider> available = List.of(new LedgerPayoutProvider());
        return available.stream()
                .filter(provider -> provider.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("PAYOUT_PROVIDER " + name + " is not one of "
                        + available.stream().map(PayoutProvider::name).toList()));
    }
}
