package dev.microjobs.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.microjobs.aws.webhooks.StandardWebhookSigner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The operator's payment system behind the {@code webhook} payout provider: checks the Standard
 * Webhooks signature, pays each {@code webhook-id} (the payout id) once however often it is sent,
 * as a real payment system must, and records every transfer so that a run can tell whether any task
 * was paid twice. A share of calls fail: before paying (503, 429, a dropped connection) or after
 * paying (an answer slower than the caller's timeout, so the caller cannot know the money moved).
 */
final class PayoutProviderStandIn extends FlakyProvider {

    /** One transfer made: a payout id paid once. */
    record Transfer(String payoutId, String workerId, long amount, String currency, List<String> taskIds) {
    }

    private final String secret;
    private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();
    private final AtomicLong repeatsAnswered = new AtomicLong();
    private final AtomicLong conflictingRepeats = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();

    PayoutProviderStandIn(String secret, double failureShare, RandomGenerator random, Duration callerTimeout) throws IOException {
        super("/payouts", failureShare, random, callerTimeout);
        this.secret = secret;
    }

    /** What to set {@code PayoutWebhookUrl} to. */
    String url() {
        return baseUrl() + "/payouts";
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        String body = body(exchange);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
        if (id == null || timestamp == null || signatures == null
                || !Set.of(signatures.split(" ")).contains(StandardWebhookSigner.sign(secret, id, Long.parseLong(timestamp), body))) {
            badSignatures.incrementAndGet();
            send(exchange, 401, "{\"error\":\"bad signature\"}");
            return;
        }
        String answer = "{\"reference\":\"tr_" + id + "\"}";
        Fault fault = drawFault();
        if (fault != null && fault != Fault.TIMEOUT) {
            fail(exchange, fault, answer);
            return;
        }
        pay(id, JSON.readTree(body).path("data"));
        if (fault == Fault.TIMEOUT) {
            fail(exchange, fault, answer);
            return;
        }
        send(exchange, 200, answer);
    }

    private void pay(String payoutId, JsonNode data) {
        List<String> taskIds = new ArrayList<>();
        data.path("taskIds").forEach(task -> taskIds.add(task.asText()));
        Transfer transfer = new Transfer(payoutId, data.path("workerId").asText(), data.path("amount").path("amount").asLong(),
                data.path("amount").path("currency").asText(), List.copyOf(taskIds));
        Transfer first = transfers.putIfAbsent(payoutId, transfer);
        if (first != null) {
            repeatsAnswered.incrementAndGet();
            if (!first.equals(transfer)) {
                conflictingRepeats.incrementAndGet();
            }
        }
    }

    /** Every payout id paid, with what it paid. */
    Map<String, Transfer> transfers() {
        return Map.copyOf(transfers);
    }

    /** Tasks that were paid by more than one transfer: each is a double payout. */
    long tasksPaidTwice() {
        Map<String, Integer> paidTimes = new HashMap<>();
        transfers.values().forEach(transfer -> transfer.taskIds().forEach(task -> paidTimes.merge(task, 1, Integer::sum)));
        return paidTimes.values().stream().filter(times -> times > 1).count();
    }

    /** Sent again under a payout id already paid: answered without paying again. */
    long repeatsAnswered() {
        return repeatsAnswered.get();
    }

    /** Sent again under a paid payout id but with other tasks or another amount: the app changed a payout it had sent. */
    long conflictingRepeats() {
        return conflictingRepeats.get();
    }

    long badSignatures() {
        return badSignatures.get();
    }
}
