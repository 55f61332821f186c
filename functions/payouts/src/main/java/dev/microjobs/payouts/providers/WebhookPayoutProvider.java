package dev.microjobs.payouts.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.aws.webhooks.StandardWebhookSigner;
import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.payouts.Payout;
import dev.microjobs.core.payouts.PayoutException;
import dev.microjobs.core.payouts.PayoutProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Hands each payout to the operator's own payment system: a POST to {@code PAYOUT_WEBHOOK_URL},
 * signed per Standard Webhooks with {@code PAYOUT_WEBHOOK_SECRET}. The {@code webhook-id} is the
 * payout id, the same on every retry, so the receiver pays each id once; a 2xx answer means paid,
 * with the receiver's {@code reference} (JSON) if it gives one.
 *
 * <p>Body: {@code {"type": "payout.requested", "timestamp": ..., "data": {payoutId, workerId,
 * payoutAccount, amount: {amount, currency}, taskIds}}}. Redirects are never followed: a 3xx is
 * a failure, not a hop to somewhere the operator did not configure.
 */
public final class WebhookPayoutProvider implements PayoutProvider {
    public static final String NAME = "webhook";
    static final String EVENT_TYPE = "payout.requested";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 200;

    private final HttpClient http;
    private final URI url;
    private final String secret;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param http a client that does not follow redirects
     * @param url the payment system's endpoint; null makes every payout fail with that reason
     * @param secret {@code whsec_<base64>}; a missing or malformed one fails every payout with the reason
     */
    public WebhookPayoutProvider(HttpClient http, URI url, String secret, Duration timeout, Clock clock) {
        if (http.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the payout webhook client must not follow redirects");
        }
        this.http = http;
        this.url = url;
        this.secret = secret;
        this.timeout = timeout;
        this.clock = clock;
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
        if (url == null) {
            throw new PayoutException("webhook payouts are not set up yet: PAYOUT_WEBHOOK_URL is not set");
        }
        long timestamp = clock.instant().getEpochSecond();
        String body = body(payout, worker, timestamp);
        String signature;
        try {
            signature = StandardWebhookSigner.sign(secret, payout.id(), timestamp, body);
        } catch (IllegalArgumentException e) {
            throw new PayoutException("webhook payouts are not set up yet: PAYOUT_WEBHOOK_SECRET is unusable ("
                    + e.getMessage() + ")", e);
        }
        HttpRequest post = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("webhook-id", payout.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = send(post);
        int status = response.statusCode();
        if (status / 100 == 2) {
            return reference(response.body()).orElse(payout.id());
        }
        if (status >= 500 || status == 429 || status == 408) {
            throw new PayoutException("the payment system is unavailable (HTTP " + status + "), retrying");
        }
        throw new PayoutException("the payment system refused the payout: HTTP " + status + detail(response.body()));
    }

    private HttpResponse<String> send(HttpRequest post) {
        try {
            return http.send(post, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new PayoutException("the payment system did not answer within " + readable(timeout) + ", retrying", e);
        } catch (IOException e) {
            throw new PayoutException("could not reach the payment system, retrying", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PayoutException("interrupted while calling the payment system", e);
        }
    }

    private static String body(Payout payout, Worker worker, long timestamp) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", EVENT_TYPE);
        event.put("timestamp", Instant.ofEpochSecond(timestamp).toString());
        ObjectNode data = event.putObject("data");
        data.put("payoutId", payout.id());
        data.put("workerId", payout.workerId());
        data.put("payoutAccount", worker.payoutAccount());
        ObjectNode amount = data.putObject("amount");
        amount.put("amount", payout.amount().amount());
        amount.put("currency", payout.amount().currency());
        payout.taskIds().forEach(data.putArray("taskIds")::add);
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** The receiver's {@code reference} for the transfer, if its answer is JSON that has one. */
    private static Optional<String> reference(String body) {
        try {
            JsonNode reference = JSON.readTree(body == null ? "" : body).path("reference");
            return reference.isTextual() && !reference.asText().isBlank()
                    ? Optional.of(reference.asText()) : Optional.empty();
        } catch (IOException e) {
            // Not JSON: the 2xx alone says it is paid.
            return Optional.empty();
        }
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body.strip();
        return ": " + (text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text);
    }
}
