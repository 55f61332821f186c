package dev.microjobs.payouts.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.payouts.Payout;
import dev.microjobs.core.payouts.PayoutException;
import dev.microjobs.core.payouts.PayoutState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookPayoutProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IdGenerator IDS = new IdGenerator(Clock.systemUTC());
    private static final byte[] KEY = "the operator's payout signing key".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** The operator's payment system: it verifies each signature and answers from a script. */
    private PaymentSystem paymentSystem;
    private final Worker worker = new Worker(IDS.next(IdType.WORKER), "Ana", Set.of(), "bank-ref-17", NOW);

    @BeforeEach
    void start() throws IOException {
        paymentSystem = new PaymentSystem();
    }

    @AfterEach
    void stop() {
        paymentSystem.close();
    }

    private WebhookPayoutProvider provider(String secret, Duration timeout) {
        return new WebhookPayoutProvider(HTTP, paymentSystem.url(), secret, timeout, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private WebhookPayoutProvider provider() {
        return provider(SECRET, Duration.ofSeconds(2));
    }

    private Payout payout() {
        return new Payout(IDS.next(IdType.PAYOUT), worker.id(), new Money(1250, "EUR"),
                List.of(IDS.next(IdType.TASK), IDS.next(IdType.TASK)), PayoutState.PENDING, WebhookPayoutProvider.NAME, 0,
                null, null, NOW, NOW).sent(NOW);
    }

    @Test
    void postsTheSignedPayoutAndTakesTheReceiversReference() {
        paymentSystem.answer(200, "{\"reference\": \"sepa-2026-000417\"}");
        Payout payout = payout();

        String reference = provider().pay(payout, worker);

        assertEquals("sepa-2026-000417", reference);
        Received received = paymentSystem.received.get(0);
        assertTrue(received.signatureValid(), "the payment system verifies the signature with the shared secret");
        assertEquals(payout.id(), received.id(), "the payout id is the webhook id, for the receiver to dedup");
        assertEquals(Long.toString(NOW.getEpochSecond()), received.timestamp());
        JsonNode body = received.json();
        assertEquals("payout.requested", body.get("type").asText());
        assertEquals(payout.id(), body.at("/data/payoutId").asText());
        assertEquals(worker.id(), body.at("/data/workerId").asText());
        assertEquals("bank-ref-17", body.at("/data/payoutAccount").asText());
        assertEquals(1250, body.at("/data/amount/amount").asLong());
        assertEquals("EUR", body.at("/data/amount/currency").asText());
        assertEquals(payout.taskIds(), JSON.convertValue(body.at("/data/taskIds"), List.class));
    }

    @Test
    void aTwoHundredWithoutAReferenceIsPaidUnderThePayoutId() {
        paymentSystem.answer(204, "");
        Payout payout = payout();

        assertEquals(payout.id(), provider().pay(payout, worker));
    }

    @Test
    void retriesKeepTheWebhookIdSoTheReceiverCanDedup() {
        paymentSystem.answer(503, "maintenance").answer(200, "{\"reference\": \"r-1\"}");
        Payout payout = payout();
        WebhookPayoutProvider provider = provider();

        PayoutException unavailable = assertThrows(PayoutException.class, () -> provider.pay(payout, worker));
        provider.pay(payout, worker);

        assertEquals("the payment system is unavailable (HTTP 503), retrying", unavailable.getMessage());
        assertEquals(List.of(payout.id(), payout.id()), paymentSystem.received.stream().map(Received::id).toList());
        assertTrue(paymentSystem.received.stream().allMatch(Received::signatureValid));
    }

    @Test
    void aRefusalARedirectAndASlowAnswerFailThePayout() {
        paymentSystem.answer(422, "{\"error\": \"unknown payout account bank-ref-17\"}")
                .answer(302, "")
                .answer(200, "{}", Duration.ofMillis(800));
        WebhookPayoutProvider provider = provider(SECRET, Duration.ofMillis(300));

        PayoutException refused = assertThrows(PayoutException.class, () -> provider.pay(payout(), worker));
        PayoutException redirected = assertThrows(PayoutException.class, () -> provider.pay(payout(), worker));
        PayoutException slow = assertThrows(PayoutException.class, () -> provider.pay(payout(), worker));

        assertEquals("the payment system refused the payout: HTTP 422: {\"error\": \"unknown payout account bank-ref-17\"}",
                refused.getMessage());
        assertEquals("the payment system refused the payout: HTTP 302", redirected.getMessage());
        assertEquals("the payment system did not answer within 300 ms, retrying", slow.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WebhookPayoutProvider(
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build(), paymentSystem.url(), SECRET,
                Duration.ofSeconds(1), Clock.systemUTC()));
    }

    @Test
    void missingSettingsFailEachPayoutWithTheReasonAndSendNothing() {
        WebhookPayoutProvider noUrl = new WebhookPayoutProvider(HTTP, null, SECRET, Duration.ofSeconds(1), Clock.systemUTC());

        PayoutException withoutUrl = assertThrows(PayoutException.class, () -> noUrl.pay(payout(), worker));
        PayoutException badSecret = assertThrows(PayoutException.class, () -> provider("not-a-secret", Duration.ofSeconds(1))
                .pay(payout(), worker));

        assertEquals("webhook payouts are not set up yet: PAYOUT_WEBHOOK_URL is not set", withoutUrl.getMessage());
        assertEquals("webhook payouts are not set up yet: PAYOUT_WEBHOOK_SECRET is unusable (a webhook secret starts with whsec_)",
                badSecret.getMessage());
        assertTrue(paymentSystem.received.isEmpty());
    }

    private record Received(String id, String timestamp, String signature, String body) {
        boolean signatureValid() {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
                byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
                return ("v1," + Base64.getEncoder().encodeToString(expected)).equals(signature);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(body, e);
            }
        }
    }

    private record Answer(int status, String body, Duration delay) {
    }

    private static final class PaymentSystem implements AutoCloseable {
        private final HttpServer server;
        private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
        final List<Received> received = new CopyOnWriteArrayList<>();

        PaymentSystem() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/payouts", this::handle);
            server.start();
        }

        PaymentSystem answer(int status, String body) {
            return answer(status, body, Duration.ZERO);
        }

        PaymentSystem answer(int status, String body, Duration delay) {
            script.add(new Answer(status, body, delay));
            return this;
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/payouts");
        }

        private void handle(HttpExchange exchange) throws IOException {
            var headers = exchange.getRequestHeaders();
            received.add(new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Answer answer = script.poll();
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.status() == 302) {
                exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            }
            try {
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (IOException clientGone) {
                // The provider timed out and hung up.
            }
        }

        @Override
        public void close() {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
