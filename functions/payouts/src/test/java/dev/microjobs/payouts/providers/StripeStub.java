package dev.microjobs.payouts.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stands in for Stripe's transfers API on 127.0.0.1, as a real HTTP server: {@code POST
 * /v1/transfers} (form-encoded, Bearer {@link #API_KEY}, with Stripe's idempotency: the same
 * {@code Idempotency-Key} replays the first transfer, and with other parameters is refused) and
 * {@code GET /v1/transfers?transfer_group=}. It records every request.
 *
 * <p>Used by the provider tests and, through the module's test jar, by the stack's ITs.
 */
public final class StripeStub implements AutoCloseable {
    public static final String API_KEY = "sk_test_microjobs_stub";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the stub saw it; {@code form} holds the decoded form or query parameters. */
    public record Request(String method, String path, Map<String, String> headers, Map<String, String> form) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private record Stored(Map<String, String> params, ObjectNode transfer) {
    }

    private record Failure(int status, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Stored> byIdempotencyKey = new LinkedHashMap<>();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();

    public StripeStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/transfers", this::answer);
        server.start();
    }

    public String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The next request fails with this answer before it reaches the idempotency layer (as a 5xx
     * from Stripe's edge does), so a retry under the same key is processed afresh.
     */
    public StripeStub failNext(int status, String body) {
        failures.add(new Failure(status, body));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The {@code POST /v1/transfers} requests, replays and refusals included. */
    public List<Request> transferRequests() {
        return requests.stream().filter(request -> request.method().equals("POST")).toList();
    }

    /** The transfers that exist: one per idempotency key that was accepted. */
    public synchronized List<ObjectNode> transfers() {
        return byIdempotencyKey.values().stream().map(Stored::transfer).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        boolean post = exchange.getRequestMethod().equals("POST");
        Map<String, String> form = decode(post ? body : exchange.getRequestURI().getRawQuery());
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, form));

        Failure failure = failures.poll();
        if (failure != null) {
            respond(exchange, failure.status(), failure.body());
        } else if (!("Bearer " + API_KEY).equals(headers.get("authorization"))) {
            respond(exchange, 401, error("invalid_request_error", "Invalid API Key provided", null));
        } else if (post && exchange.getRequestURI().getPath().equals("/v1/transfers")) {
            create(exchange, headers.get("idempotency-key"), form);
        } else if (exchange.getRequestMethod().equals("GET")) {
            list(exchange, form.get("transfer_group"));
        } else {
            respond(exchange, 404, error("invalid_request_error", "Unrecognized request URL", null));
        }
    }

    private synchronized void create(HttpExchange exchange, String key, Map<String, String> params) throws IOException {
        for (String required : List.of("amount", "currency", "destination")) {
            if (!params.containsKey(required)) {
                respond(exchange, 400, error("invalid_request_error", "Missing required param: " + required + ".", required));
                return;
            }
        }
        if (!params.get("destination").startsWith("acct_")) {
            respond(exchange, 400, error("invalid_request_error", "No such destination: '" + params.get("destination") + "'",
                    "destination"));
            return;
        }
        Stored earlier = key == null ? null : byIdempotencyKey.get(key);
        if (earlier != null && !earlier.params().equals(params)) {
            respond(exchange, 400, error("idempotency_error", "Keys for idempotent requests can only be used with the "
                    + "same parameters they were first used with.", null));
            return;
        }
        if (earlier != null) {
            exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
            respond(exchange, 200, earlier.transfer().toString());
            return;
        }
        ObjectNode transfer = JSON.createObjectNode();
        transfer.put("id", "tr_stub" + (byIdempotencyKey.size() + 1));
        transfer.put("object", "transfer");
        transfer.put("amount", Long.parseLong(params.get("amount")));
        transfer.put("currency", params.get("currency"));
        transfer.put("destination", params.get("destination"));
        transfer.put("transfer_group", params.get("transfer_group"));
        transfer.put("description", params.get("description"));
        transfer.put("livemode", false);
        ObjectNode metadata = transfer.putObject("metadata");
        params.forEach((name, value) -> {
            if (name.startsWith("metadata[")) {
                metadata.put(name.substring("metadata[".length(), name.length() - 1), value);
            }
        });
        byIdempotencyKey.put(key == null ? "none-" + byIdempotencyKey.size() : key, new Stored(params, transfer));
        respond(exchange, 200, transfer.toString());
    }

    private synchronized void list(HttpExchange exchange, String transferGroup) throws IOException {
        ObjectNode page = JSON.createObjectNode();
        page.put("object", "list");
        page.put("url", "/v1/transfers");
        page.put("has_more", false);
        ArrayNode data = page.putArray("data");
        transfers().stream()
                .filter(transfer -> transferGroup == null || transferGroup.equals(transfer.path("transfer_group").asText()))
                .forEach(data::add);
        respond(exchange, 200, page.toString());
    }

    public static String error(String type, String message, String param) {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode details = error.putObject("error");
        details.put("type", type);
        details.put("message", message);
        if (param != null) {
            details.put("param", param);
        }
        return error.toString();
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> values = new TreeMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            values.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                    equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Request-Id", "req_stub");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
