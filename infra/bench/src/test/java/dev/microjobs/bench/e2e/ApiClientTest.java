package dev.microjobs.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.microjobs.local.http.LoopbackHttpServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApiClientTest {

    @Test
    void retriesThrottlingAndServerErrorsOnly() {
        assertTrue(ApiClient.retryable(429));
        assertTrue(ApiClient.retryable(503));
        assertFalse(ApiClient.retryable(409));
        assertFalse(ApiClient.retryable(400));
    }

    @Test
    void backoffStaysUnderItsCap() {
        for (int attempt = 1; attempt < 40; attempt++) {
            long wait = ApiClient.backoffMillis(attempt);
            assertTrue(wait >= 0 && wait <= 2_000, "attempt " + attempt + ": " + wait);
        }
    }

    @Test
    void sendsAgainUntilTheServerAnswers() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = LoopbackHttpServer.create(0, 0);
        server.createContext("/", exchange -> {
            byte[] body = (calls.incrementAndGet() < 3 ? "{\"status\":503}" : "{\"ok\":true}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(calls.get() < 3 ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            ApiClient client = new ApiClient("http://127.0.0.1:" + server.getAddress().getPort(), 5);

            ApiClient.Answer answer = client.send("POST", "/v1/jobs", "mjb_x", Map.of("a", 1), Map.of());

            assertEquals(200, answer.status());
            assertTrue(answer.json().get("ok").asBoolean());
            assertEquals(3, calls.get());
            assertEquals(3, answer.attempts(), "the caller learns that earlier attempts failed");
            assertEquals(2, client.retries());
        } finally {
            server.stop(0);
        }
    }
}
