package dev.microjobs.payouts.providers;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Transfer;
import com.stripe.net.RequestOptions;
import com.stripe.param.TransferCreateParams;
import com.stripe.param.TransferListParams;
import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.payouts.Payout;
import dev.microjobs.core.payouts.PayoutException;
import dev.microjobs.core.payouts.PayoutProvider;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Pays workers with Stripe Connect: one transfer from the platform's Stripe balance to the
 * worker's connected account ({@link Worker#payoutAccount()}, {@code acct_...}) per payout.
 *
 * <p>The payout id is the transfer's {@code Idempotency-Key} and its {@code transfer_group}.
 * Stripe forgets idempotency keys after 24 hours, so a payout sent again (a retry after a
 * crash or a failure, which may come days later from the dead-letter queue) first looks for a
 * transfer already in its group, and only creates one if there is none.
 */
public final class StripePayoutProvider implements PayoutProvider {
    public static final String NAME = "stripe";
    public static final String DEFAULT_API_BASE = "https://api.stripe.com";
    static final String UNAVAILABLE = "Stripe is unavailable, retrying";
    /** Stripe's limit on a metadata value. */
    private static final int METADATA_VALUE_LIMIT = 500;

    /** Null when no API key is configured: every payout then fails with that reason. */
    private final StripeClient stripe;

    /**
     * Builds the client; nothing here touches the network.
     *
     * @param apiKey the platform's secret key; blank makes every payout fail with that reason
     * @param apiBase Stripe's API base URL ({@link #DEFAULT_API_BASE}; a local stand-in in tests)
     * @param timeout the read timeout of one call (connecting gets at most 5 s of it)
     * @param networkRetries how often the client retries a network error, 409 or 5xx itself, under the same key
     */
    public StripePayoutProvider(String apiKey, String apiBase, Duration timeout, int networkRetries) {
        this.stripe = apiKey == null || apiKey.isBlank() ? null : StripeClient.builder()
                .setApiKey(apiKey.strip())
                .setApiBase(apiBase)
                .setConnectTimeout((int) Math.min(timeout.toMillis(), 5_000))
                .setReadTimeout((int) timeout.toMillis())
                .setMaxNetworkRetries(networkRetries)
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean movesMoneyOut() {
        return true;
    }

    @Override
    public String pay(Payout payout, Worker worker) {
        if (stripe == null) {
            throw new PayoutException("Stripe payouts are not set up yet: STRIPE_API_KEY is not set");
        }
        String account = worker.payoutAccount();
        if (account == null || account.isBlank()) {
            throw new PayoutException("no Stripe account connected: ask the operator to link your Stripe account");
        }
        if (!account.startsWith("acct_")) {
            throw new PayoutException("no Stripe account connected: the payout account " + account
                    + " is not a Stripe account id (acct_...)");
        }
        try {
            if (payout.attempts() > 1) {
                Optional<String> earlier = transferInGroup(payout.id());
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            RequestOptions options = RequestOptions.builder().setIdempotencyKey(payout.id()).build();
            Transfer transfer = stripe.v1().transfers().create(transfer(payout, account), options);
            return transfer.getId();
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    private Optional<String> transferInGroup(String payoutId) throws StripeException {
        TransferListParams byGroup = TransferListParams.builder().setTransferGroup(payoutId).setLimit(1L).build();
        return stripe.v1().transfers().list(byGroup).getData().stream().map(Transfer::getId).findFirst();
    }

    /** The same payout always makes the same parameters: Stripe refuses a reused key with different ones. */
    private static TransferCreateParams transfer(Payout payout, String account) {
        int tasks = payout.taskIds().size();
        return TransferCreateParams.builder()
                .setAmount(payout.amount().amount())
                .setCurrency(payout.amount().currency().toLowerCase(Locale.ROOT))
                .setDestination(account)
                .setTransferGroup(payout.id())
                .setDescription("microjobs payout " + payout.id() + " for " + tasks + (tasks == 1 ? " task" : " tasks"))
                .putMetadata("payout_id", payout.id())
                .putMetadata("worker_id", payout.workerId())
                .putAllMetadata(taskIdMetadata(payout.taskIds()))
                .build();
    }

    /**
     * The task ids, comma-separated, in as many {@code task_ids}, {@code task_ids_2}, ... values
     * as Stripe's 500-character limit per value needs (a payout of 90 tasks needs 6).
     */
    static Map<String, String> taskIdMetadata(List<String> taskIds) {
        Map<String, String> metadata = new LinkedHashMap<>();
        StringBuilder value = new StringBuilder();
        for (String taskId : taskIds) {
            if (value.length() > 0 && value.length() + 1 + taskId.length() > METADATA_VALUE_LIMIT) {
                metadata.put(taskIdsKey(metadata.size()), value.toString());
                value.setLength(0);
            }
            value.append(value.length() > 0 ? "," : "").append(taskId);
        }
        metadata.put(taskIdsKey(metadata.size()), value.toString());
        return metadata;
    }

    private static String taskIdsKey(int index) {
        return index == 0 ? "task_ids" : "task_ids_" + (index + 1);
    }

    /**
     * Network errors, rate limits, conflicts and Stripe's own errors are worth retrying (the
     * message is redelivered and the same key makes the retry safe); the rest is Stripe's
     * verdict on this payout, kept in Stripe's words for the worker and the operator.
     */
    private static PayoutException failure(StripeException e) {
        Integer status = e.getStatusCode();
        if (e instanceof ApiConnectionException || e instanceof RateLimitException || e instanceof ApiException
                || (status != null && status >= 500)) {
            return new PayoutException(UNAVAILABLE, e);
        }
        if (e instanceof AuthenticationException || e instanceof PermissionException) {
            return new PayoutException("Stripe refused the platform's API key: " + stripeMessage(e), e);
        }
        return new PayoutException(stripeMessage(e), e);
    }

    /** Stripe's message without the code and request id that {@link StripeException#getMessage()} appends. */
    private static String stripeMessage(StripeException e) {
        if (e.getStripeError() != null && e.getStripeError().getMessage() != null) {
            return e.getStripeError().getMessage();
        }
        return e.getMessage();
    }
}
