package dev.microjobs.drafts.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microjobs.core.drafts.DraftProviderException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/** Sending a provider's HTTP request and naming its failures the way the retry layer needs them. */
final class HttpCalls {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 200;

    private HttpCalls() {
    }

    /**
     * The response, whatever its status.
     *
     * @throws DraftProviderException retryable, on a timeout or a connection failure
     */
    static HttpResponse<String> send(HttpClient http, HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw DraftProviderException.retryable(what + " timed out after "
                    + request.timeout().map(HttpCalls::seconds).orElse("the client's limit"), e);
        } catch (IOException e) {
            throw DraftProviderException.retryable("could not reach " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DraftProviderException.permanent("interrupted while calling " + what, e);
        }
    }

    /**
     * The failure for a non-2xx response: 408, 429 and 5xx are worth retrying (429 after its
     * Retry-After), anything else is not. The provider's own error message is kept, shortened.
     */
    static DraftProviderException failure(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        String reason = "HTTP " + status + " from " + what + detail(response.body());
        if (status == 429) {
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(HttpCalls::seconds);
            return retryAfter.map(wait -> DraftProviderException.retryableAfter(reason, wait))
                    .orElseGet(() -> DraftProviderException.retryable(reason, null));
        }
        return status == 408 || status >= 500
                ? DraftProviderException.retryable(reason, null)
                : DraftProviderException.permanent(reason);
    }

    /** A JSON response body; a body that is not JSON is a permanent failure. */
    static JsonNode json(String body, String what) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || json.isMissingNode()) {
                throw DraftProviderException.permanent("empty response from " + what);
            }
            return json;
        } catch (IOException e) {
            throw DraftProviderException.permanent("malformed JSON from " + what + detail(body), e);
        }
    }

    /** ": the provider's message" (an OpenAI-style error.message, else the start of the body), or nothing. */
    private static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String message = body.strip();
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.path("message").isTextual()) {
                message = error.path("message").asText();
            } else if (error.isTextual()) {
                message = error.asText();
            }
        } catch (IOException e) {
            // Not JSON: the body itself says what went wrong.
        }
        return ": " + (message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "…" : message);
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
