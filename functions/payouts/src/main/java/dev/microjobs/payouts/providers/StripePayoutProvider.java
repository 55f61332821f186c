package dev.microjobs.payouts.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.payouts.Payout;
import dev.microjobs.core.payouts.PayoutException;
import dev.microjobs.core.payouts.PayoutProvider;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Pays workers with Stripe Connect: one transfer from the platform's Stripe balance to the
 * worker's connected account ({@link Worker#payoutAccount()}, {@code acct_...}) per payout.
 *
 * <p>The payout id is the transfer's {@code Idempotency-Key} and its {@code transfer_group}.
 * Stripe forgets idempotency keys after 24 hours, so a payout sent again (a retry after a
 * crash or a failure, which may come days later from the dead-letter queue) first looks for a
 * transfer already in its group, and only creates one if there is none.
 *
 * <p>Two calls of Stripe's REST API over the JDK HTTP client, rather than stripe-java: the SDK
 * doubled the function's jar (16 MB of models and parameter builders) for these two requests.
 */
public final class StripePayoutProvider implements PayoutProvider {
    public static final String NAME = "stripe";
    public static final String DEFAULT_API_BASE = "https://api.stripe.com";
    /** The API version stripe-java 29.5.0 pinned, so requests and answers keep their shape. */
    static final String API_VERSION = "2025-08-27.basil";
    static final String UNAVAILABLE = "Stripe is unavailable, retrying";
    /** Stripe's limit on a metadata value. */
    private static final int METADATA_VALUE_LIMIT = 500;
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY_DELAY = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Null when no API key is configured: every payout then fails with that reason. */
    private final String apiKey;
    private final URI transfers;
    private final Duration timeout;
    private final int networkRetries;
    private final HttpClient http;

    /**
     * Builds the client; nothing here touches the network.
     *
     * @param apiKey the platform's secret key; blank makes every payout fail with that reason
     * @param apiBase Stripe's API base URL ({@link #DEFAULT_API_BASE}; a local stand-in in tests)
     * @param timeout the timeout of one call (connecting gets at most 5 s of it)
     * @param networkRetries how often a network error, 409 or 5xx is retried in the call, under the same key
     */
    public StripePayoutProvider(String apiKey, String apiBase, Duration timeout, int networkRetries) {
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.transfers = URI.create(apiBase.replaceAll("/+$", "") + "/v1/transfers");
        this.timeout = timeout;
        this.networkRetries = networkRetries;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
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
        if (apiKey == null) {
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
        if (payout.attempts() > 1) {
            Optional<String> earlier = transferInGroup(payout.id());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        HttpRequest create = request(transfers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Idempotency-Key", payout.id())
                .POST(HttpRequest.BodyPublishers.ofString(formEncoded(transfer(payout, account))))
                .build();
        return call(create).path("id").asText();
    }

    private Optional<String> transferInGroup(String payoutId) {
        URI byGroup = URI.create(transfers + "?" + formEncoded(Map.of("transfer_group", payoutId, "limit", "1")));
        JsonNode page = call(request(byGroup).GET().build());
        JsonNode first = page.path("data").path(0).path("id");
        return first.isTextual() ? Optional.of(first.asText()) : Optional.empty();
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Stripe-Version", API_VERSION);
    }

    /** Sends the request, retrying what Stripe's own clients retry under the same idempotency key. */
    private JsonNode call(HttpRequest request) {
        for (int attempt = 0; ; attempt++) {
            boolean lastAttempt = attempt >= networkRetries;
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (lastAttempt) {
                    throw new PayoutException(UNAVAILABLE, e);
                }
                pauseBeforeRetry();
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PayoutException("interrupted while calling Stripe", e);
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return parsed(response.body());
            }
            if ((status == 409 || status >= 500) && !lastAttempt) {
                pauseBeforeRetry();
                continue;
            }
            throw failure(status, response.body());
        }
    }

    private static JsonNode parsed(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            // A garbled answer says nothing about the transfer; the retry under the same key finds out.
            throw new PayoutException(UNAVAILABLE, e);
        }
    }

    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(RETRY_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PayoutException("interrupted while calling Stripe", e);
        }
    }

    /** The same payout always makes the same parameters: Stripe refuses a reused key with different ones. */
    private static Map<String, String> transfer(Payout payout, String account) {
        int tasks = payout.taskIds().size();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("amount", Long.toString(payout.amount().amount()));
        params.put("currency", payout.amount().currency().toLowerCase(Locale.ROOT));
        params.put("destination", account);
        params.put("transfer_group", payout.id());
        params.put("description", "microjobs payout " + payout.id() + " for " + tasks + (tasks == 1 ? " task" : " tasks"));
        params.put("metadata[payout_id]", payout.id());
        params.put("metadata[worker_id]", payout.workerId());
        taskIdMetadata(payout.taskIds()).forEach((key, value) -> params.put("metadata[" + key + "]", value));
        return params;
    }

    private static String formEncoded(Map<String, String> params) {
        return params.entrySet().stream()
                .map(param -> URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
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
     * As Stripe's clients classify answers: rate limits, conflicts and Stripe's own errors (any
     * status but 400, 401, 402, 403 and 404) are worth retrying (the message is redelivered and
     * the same key makes the retry safe); the rest is Stripe's verdict on this payout, kept in
     * Stripe's words for the worker and the operator.
     */
    private static PayoutException failure(int status, String body) {
        String message = stripeMessage(body).orElse("Stripe refused the payout (HTTP " + status + ")");
        return switch (status) {
            case 401, 403 -> new PayoutException("Stripe refused the platform's API key: " + message);
            case 400, 402, 404 -> new PayoutException(message);
            default -> new PayoutException(UNAVAILABLE);
        };
    }

    /** {@code error.message} of Stripe's error body, if the body is one. */
    private static Optional<String> stripeMessage(String body) {
        try {
            JsonNode message = JSON.readTree(body == null ? "" : body).path("error").path("message");
            return message.isTextual() && !message.asText().isBlank() ? Optional.of(message.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
