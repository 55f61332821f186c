package dev.microjobs.local.it;

import com.sun.net.httpserver.HttpServer;
import dev.microjobs.local.http.LoopbackHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A business's webhook endpoint on 127.0.0.1: records every request, and answers each webhook id
 * with 500 for its first {@code failuresPerEvent} attempts, then 200.
 */
final class WebhookReceiver implements AutoCloseable {
    record Delivery(String webhookId, String timestamp, String signature, String body, int answeredWith) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    private WebhookReceiver(int failuresPerEvent) throws IOException {
        server = LoopbackHttpServer.create(0, 0);
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            int attempt = attempts.computeIfAbsent(String.valueOf(id), k -> new AtomicInteger()).incrementAndGet();
            int status = attempt <= failuresPerEvent ? 500 : 200;
            deliveries.add(new Delivery(id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    static WebhookReceiver answering200() throws IOException {
        return new WebhookReceiver(0);
    }

    static WebhookReceiver failingTwiceThen200() throws IOException {
        return new WebhookReceiver(2);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
