package dev.microjobs.payouts;

import dev.microjobs.core.payouts.LedgerPayoutProvider;
import dev.microjobs.core.payouts.PayoutPolicy;
import dev.microjobs.core.payouts.PayoutProvider;
import dev.microjobs.payouts.providers.StripePayoutProvider;
import dev.microjobs.payouts.providers.WebhookPayoutProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The configured payout provider ({@code PAYOUT_PROVIDER}: ledger, stripe or webhook) and minimum
 * payout ({@code PAYOUT_MINIMUM_AMOUNT}). Only the chosen provider is built, without touching the
 * network; a setting it lacks (an API key, a URL) fails each payout with the reason, not the cold start.
 */
@Factory
public class PayoutBeans {
    static final List<String> PROVIDERS = List.of(LedgerPayoutProvider.NAME, StripePayoutProvider.NAME,
            WebhookPayoutProvider.NAME);
    /**
     * One in-call retry rides out a dropped connection; longer outages are the queue's to retry,
     * after its visibility timeout, so a batch does not spend the function's 30 s waiting.
     */
    private static final int STRIPE_NETWORK_RETRIES = 1;

    @Singleton
    PayoutPolicy payoutPolicy(@Value("${microjobs.payouts.minimum-amount}") long minimumAmount) {
        return new PayoutPolicy(minimumAmount);
    }

    @Singleton
    PayoutProvider payoutProvider(@Value("${microjobs.payouts.provider}") String name,
                                  @Value("${microjobs.payouts.timeout}") Duration timeout,
                                  @Value("${microjobs.payouts.stripe.api-key}") String stripeApiKey,
                                  @Value("${microjobs.payouts.stripe.api-base}") String stripeApiBase,
                                  @Value("${microjobs.payouts.webhook.url}") String webhookUrl,
                                  @Value("${microjobs.payouts.webhook.secret}") String webhookSecret) {
        return switch (name) {
            case LedgerPayoutProvider.NAME -> new LedgerPayoutProvider();
            case StripePayoutProvider.NAME -> new StripePayoutProvider(stripeApiKey, stripeApiBase, timeout,
                    STRIPE_NETWORK_RETRIES);
            case WebhookPayoutProvider.NAME -> new WebhookPayoutProvider(
                    HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build(),
                    webhookUrl.isBlank() ? null : URI.create(webhookUrl.strip()), webhookSecret, timeout,
                    Clock.systemUTC());
            default -> throw new IllegalStateException("PAYOUT_PROVIDER " + name + " is not one of " + PROVIDERS);
        };
    }
}
