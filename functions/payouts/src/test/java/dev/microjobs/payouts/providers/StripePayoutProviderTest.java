package dev.microjobs.payouts.providers;

import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.payouts.Payout;
import dev.microjobs.core.payouts.PayoutException;
import dev.microjobs.core.payouts.PayoutState;
import dev.microjobs.payouts.providers.StripeStub.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StripePayoutProviderTest {
    private static final IdGenerator IDS = new IdGenerator(Clock.systemUTC());
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private StripeStub stripe;
    private final Worker worker = worker("acct_1NordwerkWorker");

    @BeforeEach
    void start() throws Exception {
        stripe = new StripeStub();
    }

    @AfterEach
    void stop() {
        stripe.close();
    }

    private StripePayoutProvider provider(int networkRetries) {
        return new StripePayoutProvider(StripeStub.API_KEY, stripe.apiBase(), TIMEOUT, networkRetries);
    }

    private static Worker worker(String payoutAccount) {
        return new Worker(IDS.next(IdType.WORKER), "Ana", Set.of("writing"), payoutAccount, Instant.now());
    }

    /** A payout as SettleWorker hands it over: SENT, on its first attempt. */
    private Payout payout(long amount, int tasks) {
        Instant now = Instant.now();
        List<String> taskIds = IntStream.range(0, tasks).mapToObj(i -> IDS.next(IdType.TASK)).toList();
        return new Payout(IDS.next(IdType.PAYOUT), worker.id(), new Money(amount, "USD"), taskIds, PayoutState.PENDING,
                StripePayoutProvider.NAME, 0, null, null, now, now).sent(now);
    }

    @Test
    void transfersThePayoutToTheWorkersConnectedAccountUnderThePayoutId() {
        Payout payout = payout(250, 2);

        String reference = provider(0).pay(payout, worker);

        assertEquals("tr_stub1", reference);
        Request sent = stripe.transferRequests().get(0);
        assertEquals(payout.id(), sent.header("Idempotency-Key"));
        assertEquals(StripePayoutProvider.API_VERSION, sent.header("Stripe-Version"));
        assertEquals("250", sent.form().get("amount"));
        assertEquals("usd", sent.form().get("currency"));
        assertEquals("acct_1NordwerkWorker", sent.form().get("destination"));
        assertEquals(payout.id(), sent.form().get("transfer_group"));
        assertEquals(payout.id(), sent.form().get("metadata[payout_id]"));
        assertEquals(worker.id(), sent.form().get("metadata[worker_id]"));
        assertEquals(String.join(",", payout.taskIds()), sent.form().get("metadata[task_ids]"));
        assertEquals("microjobs payout " + payout.id() + " for 2 tasks", sent.form().get("description"));
        assertEquals(1, stripe.requests().size());
    }

    @Test
    void theSamePayoutPaidTwiceIsOneTransfer() {
        Payout payout = payout(400, 1);
        StripePayoutProvider provider = provider(0);

        String first = provider.pay(payout, worker);
        String again = provider.pay(payout, worker);
        String resent = provider.pay(payout.sent(Instant.now()), worker);

        assertEquals(first, again);
        assertEquals(first, resent);
        assertEquals(1, stripe.transfers().size());
        assertEquals(List.of(payout.id(), payout.id()),
                stripe.transferRequests().stream().map(request -> request.header("Idempotency-Key")).toList());
        Request lookup = stripe.requests().get(2);
        assertEquals("GET", lookup.method());
        assertEquals(payout.id(), lookup.form().get("transfer_group"),
                "a re-sent payout finds its transfer by group, in case Stripe has forgotten the key");
    }

    @Test
    void aReSentPayoutWithoutATransferYetCreatesOne() {
        Payout payout = payout(400, 1).sent(Instant.now());

        String reference = provider(0).pay(payout, worker);

        assertEquals("tr_stub1", reference);
        assertEquals(List.of("GET", "POST"), stripe.requests().stream().map(Request::method).toList());
    }

    @Test
    void aServerErrorIsRetriedInTheCallUnderTheSameKey() {
        stripe.failNext(500, StripeStub.error("api_error", "Something went wrong on Stripe's end.", null));
        Payout payout = payout(300, 1);

        String reference = provider(1).pay(payout, worker);

        assertEquals("tr_stub1", reference);
        assertEquals(List.of(payout.id(), payout.id()),
                stripe.transferRequests().stream().map(request -> request.header("Idempotency-Key")).toList());
        assertEquals(1, stripe.transfers().size());
    }

    @Test
    void whenStripeIsDownThePayoutFailsRetryablyAndTheNextAttemptPaysOnce() {
        stripe.failNext(500, StripeStub.error("api_error", "Something went wrong on Stripe's end.", null))
                .failNext(429, StripeStub.error("rate_limit_error", "Too many requests.", null));
        Payout payout = payout(300, 1);
        StripePayoutProvider provider = provider(0);

        PayoutException down = assertThrows(PayoutException.class, () -> provider.pay(payout, worker));
        PayoutException limited = assertThrows(PayoutException.class, () -> provider.pay(payout, worker));
        String reference = provider.pay(payout, worker);

        assertEquals("Stripe is unavailable, retrying", down.getMessage());
        assertEquals("Stripe is unavailable, retrying", limited.getMessage());
        assertEquals("tr_stub1", reference);
        assertEquals(3, stripe.transferRequests().size());
        assertEquals(1, stripe.transfers().size());
    }

    @Test
    void anUnreachableStripeFailsRetryably() {
        String closedBase = stripe.apiBase();
        stripe.close();

        PayoutException unreachable = assertThrows(PayoutException.class,
                () -> new StripePayoutProvider(StripeStub.API_KEY, closedBase, TIMEOUT, 0).pay(payout(100, 1), worker));

        assertEquals("Stripe is unavailable, retrying", unreachable.getMessage());
    }

    @Test
    void aRefusalCarriesStripesMessage() {
        stripe.failNext(400, StripeStub.error("invalid_request_error",
                "You have insufficient available funds in your Stripe account.", "amount"));

        PayoutException refused = assertThrows(PayoutException.class, () -> provider(1).pay(payout(100, 1), worker));

        assertEquals("You have insufficient available funds in your Stripe account.", refused.getMessage());
        assertEquals(1, stripe.requests().size(), "a 4xx is not retried in the call");
    }

    @Test
    void aRejectedApiKeyIsNamed() {
        StripePayoutProvider wrongKey = new StripePayoutProvider("sk_test_revoked", stripe.apiBase(), TIMEOUT, 0);

        PayoutException refused = assertThrows(PayoutException.class, () -> wrongKey.pay(payout(100, 1), worker));

        assertEquals("Stripe refused the platform's API key: Invalid API Key provided", refused.getMessage());
    }

    @Test
    void aWorkerWithoutAStripeAccountIsNotSentAnything() {
        PayoutException none = assertThrows(PayoutException.class, () -> provider(0).pay(payout(100, 1), worker(null)));
        PayoutException notStripe = assertThrows(PayoutException.class,
                () -> provider(0).pay(payout(100, 1), worker("IBAN-DE02")));

        assertEquals("no Stripe account connected: ask the operator to link your Stripe account", none.getMessage());
        assertEquals("no Stripe account connected: the payout account IBAN-DE02 is not a Stripe account id (acct_...)",
                notStripe.getMessage());
        assertTrue(stripe.requests().isEmpty());
    }

    @Test
    void withoutAnApiKeyEachPayoutFailsWithTheReason() {
        StripePayoutProvider unconfigured = new StripePayoutProvider(" ", stripe.apiBase(), TIMEOUT, 0);

        PayoutException failed = assertThrows(PayoutException.class, () -> unconfigured.pay(payout(100, 1), worker));

        assertEquals("Stripe payouts are not set up yet: STRIPE_API_KEY is not set", failed.getMessage());
        assertTrue(stripe.requests().isEmpty());
    }

    @Test
    void ninetyTaskIdsFitStripesMetadataLimits() {
        Payout payout = payout(9000, 90);

        Map<String, String> metadata = StripePayoutProvider.taskIdMetadata(payout.taskIds());

        assertTrue(metadata.values().stream().allMatch(value -> value.length() <= 500), metadata.toString());
        assertEquals(List.of("task_ids", "task_ids_2", "task_ids_3", "task_ids_4", "task_ids_5", "task_ids_6"),
                new ArrayList<>(metadata.keySet()));
        assertEquals(payout.taskIds(), metadata.values().stream().flatMap(value -> Arrays.stream(value.split(","))).toList());
        provider(0).pay(payout, worker);
        assertEquals(metadata.get("task_ids_6"), stripe.transferRequests().get(0).form().get("metadata[task_ids_6]"));
    }
}
