package dev.microjobs.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP API as a client sees it, with the retries a careful client makes: 429, 5xx, timeouts
 * and broken connections are tried again with exponential backoff and full jitter (a
 * {@code Retry-After} is honoured). Only requests that are safe to repeat should be sent here:
 * job creation carries an {@code Idempotency-Key}, and the other calls the lifecycle makes are
 * conditional on state, so a repeat is answered, not applied twice.
 */
public final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final long BACKOFF_BASE_MS = 50;
    private static final long BACKOFF_CAP_MS = 2_000;

    /**
     * One answer: status and body (a missing node when the body is empty or not JSON), and how
     * many times the request was sent to get it: an earlier attempt that failed may still have
     * been applied.
     */
    public record Answer(int status, JsonNode json, String body, int attempts) {
    }

    private final HttpClient http;
    private final String baseUrl;
    private final int maxAttempts;
    private final AtomicLong retries = new AtomicLong();

    public ApiClient(String baseUrl, int maxAttempts) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        this.baseUrl = baseUrl;
        this.maxAttempts = maxAttempts;
    }

    /** How many requests were sent again after a retryable failure. */
    public long retries() {
        return retries.get();
    }

    /**
     * Sends until the answer is not retryable or the attempts are spent; the last answer is
     * returned even when it is a 5xx, and the last I/O failure is thrown.
     *
     * @param body serialised as JSON; null sends no body
     */
    public Answer send(String method, String path, String credential, Object body, Map<String, String> headers)
            throws IOException, InterruptedException {
        String text = body == null ? null : JSON.writeValueAsString(body);
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request(method, path, credential, text, headers),
                        HttpResponse.BodyHandlers.ofString());
                if (!retryable(response.statusCode()) || attempt >= maxAttempts) {
                    return new Answer(response.statusCode(), parse(response.body()), response.body(), attempt);
                }
                sleep(Math.max(backoffMillis(attempt), retryAfterMillis(response)));
            } catch (IOException e) {
                if (attempt >= maxAttempts) {
                    throw e;
                }
                sleep(backoffMillis(attempt));
            }
            retries.incrementAndGet();
        }
    }

    private HttpRequest request(String method, String path, String credential, String text, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text))
                .header("authorization", "Bearer " + credential);
        if (text != null) {
            request.header("content-type", "application/json");
        }
        headers.forEach(request::header);
        return request.build();
    }

    static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    /** Full jitter: a random wait up to base x 2^(attempt-1), capped. */
    static long backoffMillis(int attempt) {
        long ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS << Math.min(attempt - 1, 16));
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    private static long retryAfterMillis(HttpResponse<String> response) {
        return response.headers().firstValue("retry-after").map(value -> {
            try {
                return Math.min(BACKOFF_CAP_MS, Long.parseLong(value.trim()) * 1000);
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
