package dev.microjobs.payouts;

import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.payouts.Payout;
import dev.microjobs.core.payouts.PayoutException;
import dev.microjobs.core.payouts.PayoutProvider;
import dev.microjobs.core.payouts.PayoutState;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wiring: PAYOUT_PROVIDER picks the provider, and a missing setting fails a payout, not the start. */
class PayoutBeansTest {
    private static final IdGenerator IDS = new IdGenerator(Clock.systemUTC());

    private static PayoutProvider provider(Map<String, Object> environment) {
        try (ApplicationContext context = ApplicationContext.run(environment)) {
            return context.getBean(PayoutProvider.class);
        }
    }

    private static String failureOf(PayoutProvider provider) {
        Instant now = Instant.now();
        Worker worker = new Worker(IDS.next(IdType.WORKER), "Ana", Set.of(), "acct_1Ana", now);
        Payout payout = new Payout(IDS.next(IdType.PAYOUT), worker.id(), new Money(100, "USD"),
                List.of(IDS.next(IdType.TASK)), PayoutState.PENDING, provider.name(), 0, null, null, now, now).sent(now);
        return assertThrows(PayoutException.class, () -> provider.pay(payout, worker)).getMessage();
    }

    @Test
    void theLedgerIsTheDefault() {
        PayoutProvider ledger = provider(Map.of());

        assertEquals("ledger", ledger.name());
        assertFalse(ledger.movesMoneyOut());
    }

    @Test
    void stripeAndWebhookStartWithoutTheirSettingsAndSayWhatIsMissing() {
        PayoutProvider stripe = provider(Map.of("PAYOUT_PROVIDER", "stripe"));
        PayoutProvider webhook = provider(Map.of("PAYOUT_PROVIDER", "webhook"));

        assertEquals("stripe", stripe.name());
        assertTrue(stripe.movesMoneyOut());
        assertEquals("Stripe payouts are not set up yet: STRIPE_API_KEY is not set", failureOf(stripe));
        assertEquals("webhook", webhook.name());
        assertTrue(webhook.movesMoneyOut());
        assertEquals("webhook payouts are not set up yet: PAYOUT_WEBHOOK_URL is not set", failureOf(webhook));
    }

    @Test
    void anUnknownProviderIsRefusedWithTheChoices() {
        BeanInstantiationException refused = assertThrows(BeanInstantiationException.class,
                () -> provider(Map.of("PAYOUT_PROVIDER", "paypal")));

        assertTrue(refused.getMessage().contains("PAYOUT_PROVIDER paypal is not one of [ledger, stripe, webhook]"),
                refused.getMessage());
    }
}
