package dev.microjobs.bench.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Runtime API as a runtime sees it, through a real HTTP client. */
class RuntimeApiServerTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:Echo";
    private final HttpClient client = HttpClient.newHttpClient();
    private RuntimeApiServer api;

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void handsOutTheEventWithLambdasHeadersAndTakesTheResponse() throws Exception {
        api = RuntimeApiServer.start(ARN);
        CompletableFuture<HttpResponse<byte[]>> polling = client.sendAsync(get("/invocation/next"), HttpResponse.BodyHandlers.ofByteArray());
        Invocation invocation = api.submit("{\"n\":1}".getBytes(StandardCharsets.UTF_8), 1_800_000_000_000L);

        HttpResponse<byte[]> next = polling.get(10, TimeUnit.SECONDS);
        assertEquals(200, next.statusCode());
        assertArrayEquals("{\"n\":1}".getBytes(StandardCharsets.UTF_8), next.body());
        assertEquals(invocation.requestId(), next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow());
        assertEquals("1800000000000", next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
        assertEquals(ARN, next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElseThrow());
        assertTrue(next.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow().startsWith("Root=1-"));
        assertTrue(api.firstPollNanos().isPresent());

        HttpResponse<String> posted = client.send(post("/invocation/" + invocation.requestId() + "/response", "{\"ok\":true}", null),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, posted.statusCode());
        Invocation.Outcome outcome = invocation.outcome().get(5, TimeUnit.SECONDS);
        assertFalse(outcome.error());
        assertEquals("{\"ok\":true}", new String(outcome.body(), StandardCharsets.UTF_8));
    }

    @Test
    void theRunTimeStartsWhenTheRuntimeTakesTheEventNotWhileItWaitsInTheQueue() throws Exception {
        api = RuntimeApiServer.start(ARN);
        long submitted = System.nanoTime();
        Invocation invocation = api.submit("{}".getBytes(StandardCharsets.UTF_8), 0);
        Thread.sleep(300);
        client.send(get("/invocation/next"), HttpResponse.BodyHandlers.discarding());
        Thread.sleep(50);

        client.send(post("/invocation/" + invocation.requestId() + "/response", "{}", null), HttpResponse.BodyHandlers.discarding());

        Invocation.Outcome outcome = invocation.outcome().get(5, TimeUnit.SECONDS);
        assertTrue(outcome.runNanos() >= Duration.ofMillis(50).toNanos(), "ran " + outcome.runNanos() + " ns");
        assertTrue(outcome.runNanos() <= outcome.atNanos() - submitted - Duration.ofMillis(300).toNanos(),
                "the 300 ms in the queue are not run time: ran " + outcome.runNanos() + " ns");
    }

    @Test
    void reportsAnErrorWithItsType() throws Exception {
        api = RuntimeApiServer.start(ARN);
        Invocation invocation = api.submit("{}".getBytes(StandardCharsets.UTF_8), 0);
        client.send(get("/invocation/next"), HttpResponse.BodyHandlers.discarding());

        client.send(post("/invocation/" + invocation.requestId() + "/error", "{\"errorMessage\":\"boom\"}", "Unhandled"),
                HttpResponse.BodyHandlers.discarding());

        Invocation.Outcome outcome = invocation.outcome().get(5, TimeUnit.SECONDS);
        assertTrue(outcome.error());
        assertEquals("Unhandled: {\"errorMessage\":\"boom\"}", outcome.errorMessage());
    }

    @Test
    void refusesAResultForAnUnknownRequest() throws Exception {
        api = RuntimeApiServer.start(ARN);
        HttpResponse<String> posted = client.send(post("/invocation/no-such-id/response", "{}", null), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, posted.statusCode());
        assertTrue(posted.body().contains("InvalidRequestID"), posted.body());
    }

    @Test
    void anInitErrorFailsTheInvocationInFlight() throws Exception {
        api = RuntimeApiServer.start(ARN);
        Invocation invocation = api.submit("{}".getBytes(StandardCharsets.UTF_8), 0);
        client.send(get("/invocation/next"), HttpResponse.BodyHandlers.discarding());

        client.send(post("/init/error", "{\"errorMessage\":\"no TABLE_NAME\"}", "Runtime.Unknown"), HttpResponse.BodyHandlers.discarding());

        assertEquals("{\"errorMessage\":\"no TABLE_NAME\"}", api.initError().orElseThrow());
        assertTrue(invocation.outcome().get(5, TimeUnit.SECONDS).errorMessage().contains("no TABLE_NAME"));
    }

    @Test
    void closingFailsWhatIsStillQueued() throws Exception {
        api = RuntimeApiServer.start(ARN);
        Invocation invocation = api.submit("{}".getBytes(StandardCharsets.UTF_8), 0);
        api.close();
        assertTrue(invocation.outcome().get(5, TimeUnit.SECONDS).error());
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build();
    }

    private HttpRequest post(String path, String body, String errorType) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (errorType != null) {
            builder.header("Lambda-Runtime-Function-Error-Type", errorType);
        }
        return builder.build();
    }

    private URI uri(String path) {
        return URI.create("http://" + api.address() + RuntimeApiServer.BASE + path);
    }
}
