package dev.microjobs.bench.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.microjobs.local.http.LoopbackHttpServer;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The endpoint of the lifecycle's businesses that take webhooks: answers every delivery
 * {@code 204} at once, as a business's receiver that queues the event for later would, and
 * counts them. The signatures are checked by {@code WebhooksIT}; here only the traffic matters.
 */
public final class WebhookSink implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "webhook-sink");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong deliveries = new AtomicLong();

    public WebhookSink() throws IOException {
        server = LoopbackHttpServer.create(0, 64);
        server.setExecutor(threads);
        server.createContext("/events", this::receive);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
    }

    /** Deliveries received so far. */
    public long deliveries() {
        return deliveries.get();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            deliveries.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
