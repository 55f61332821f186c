package dev.microjobs.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.microjobs.local.http.LoopbackHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker against a real (tiny) HTTP server standing in for the worker API. */
class SimulatedWorkerTest {

    private static final String CLAIM_NEVER_TOLD = "{\"id\":\"clm_1\",\"taskId\":\"task_1\",\"task\":{\"draft\":\"Sales rose.\"}}";

    private final AtomicInteger claimCalls = new AtomicInteger();
    private final List<String> handedIn = new CopyOnWriteArrayList<>();
    private final List<String> submitted = new CopyOnWriteArrayList<>();
    private HttpServer workerApi;

    @BeforeEach
    void startWorkerApi() throws IOException {
        workerApi = LoopbackHttpServer.create(0, 0);
        // The first claim is made but its answer is a 500, as after a crash past the task's write;
        // the retry finds nothing left to claim.
        workerApi.createContext("/v1/worker/claims", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/v1/worker/claims")) {
                answer(exchange, claimCalls.incrementAndGet() == 1 ? 500 : 204, "");
            } else {
                submitted.add(path);
                answer(exchange, 200, "{\"state\":\"SUBMITTED\"}");
            }
        });
        workerApi.createContext("/v1/worker/me", exchange -> answer(exchange, 200,
                "{\"claims\":" + (submitted.isEmpty() ? "[" + CLAIM_NEVER_TOLD + "]" : "[]") + "}"));
        workerApi.start();
    }

    @AfterEach
    void stopWorkerApi() {
        workerApi.stop(0);
    }

    @Test
    void aWorkerHandsInAClaimItWasNeverToldOfOnceNothingIsLeftToClaim() throws InterruptedException {
        ApiClient api = new ApiClient("http://127.0.0.1:" + workerApi.getAddress().getPort(), 3);

        new SimulatedWorker(api, "mjw_test", handedIn::add).work(() -> !handedIn.isEmpty(), Instant.now().plusSeconds(20));

        assertEquals(List.of("/v1/worker/claims/clm_1/submit"), submitted);
        assertEquals(List.of("task_1"), handedIn);
    }

    @Test
    void aWorkerEditsTextAndListDrafts() {
        assertEquals(new TextNode("Sales rose. Checked by a person."), SimulatedWorker.edited(new TextNode("Sales rose.")));
        var list = JsonNodeFactory.instance.arrayNode().add("One");
        assertEquals(JsonNodeFactory.instance.arrayNode().add("One").add("Checked by a person."), SimulatedWorker.edited(list));
        assertEquals(1, list.size(), "the draft itself is left alone");
        assertEquals(new TextNode("Checked by a person."), SimulatedWorker.edited(MissingNode.getInstance()));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
