package dev.microjobs.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.microjobs.local.aws.PortInUse;
import dev.microjobs.local.lambda.EventJson;
import dev.microjobs.local.template.PseudoParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API on 127.0.0.1: each request goes to the function whose route matches, as an
 * {@code APIGatewayV2HTTPEvent}, and the function's result becomes the response. Errors are
 * answered as API Gateway answers them, with the details in the server log only.
 * {@code GET /health} is answered by the stack itself unless a template route claims it.
 */
public final class HttpApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);
    /** API Gateway's payload limit for HTTP APIs. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final int WORKER_THREADS = 16;

    private final HttpServer server;
    private final ExecutorService workers;
    private volatile RouteTable routes;
    private volatile Supplier<JsonNode> health;
    private final PseudoParameters account;

    private HttpApiServer(HttpServer server, PseudoParameters account) {
        this.server = server;
        this.account = account;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(WORKER_THREADS, task -> {
            Thread thread = new Thread(task, "http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Binds the port now, so that a port in use fails before anything slower starts; serves after {@link #start}. */
    public static HttpApiServer bind(int port, PseudoParameters account) {
        try {
            return new HttpApiServer(LoopbackHttpServer.create(port, 0), account);
        } catch (IOException e) {
            throw PortInUse.describe(e, "The HTTP API", port, "--port");
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void start(RouteTable routes, Supplier<JsonNode> health) {
        this.routes = routes;
        this.health = health;
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // API Gateway names every request in this header, its own error answers included.
            String requestId = UUID.randomUUID().toString();
            write(exchange, respondOrFail(exchange, requestId).withHeader("apigw-requestid", requestId));
        } catch (IOException e) {
            LOG.debug("Could not answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        }
    }

    /** A failure of the stack itself is a logged 500, as for a failing function, never a dropped connection. */
    private HttpApiResponse respondOrFail(HttpExchange exchange, String requestId) throws IOException {
        try {
            return respond(exchange, requestId);
        } catch (RuntimeException e) {
            LOG.error("Could not serve {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            return HttpApiResponse.json(500, "{\"message\":\"Internal Server Error\"}");
        }
    }

    private HttpApiResponse respond(HttpExchange exchange, String requestId) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        Optional<byte[]> body = readBody(exchange);
        if (body.isEmpty()) {
            return HttpApiResponse.json(413, "{\"message\":\"Request Entity Too Large\"}");
        }
        Optional<Route.Match> match = routes.match(method, rawPath);
        if (match.isEmpty()) {
            return method.equals("GET") && rawPath.equals("/health")
                    ? HttpApiResponse.json(200, EventJson.MAPPER.writeValueAsString(health.get()))
                    : HttpApiResponse.json(404, "{\"message\":\"Not Found\"}");
        }
        HttpRequest request = new HttpRequest(method, rawPath,
                Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""),
                lowerCaseHeaders(exchange), body.get(),
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());
        Route route = match.get().route();
        try {
            JsonNode result = route.function().invoke(HttpApiEvents.of(request, match.get(), account, requestId));
            return HttpApiResponse.fromResult(result);
        } catch (Exception e) {
            LOG.error("{} failed on {} {}", route.function().name(), method, rawPath, e);
            return HttpApiResponse.json(500, "{\"message\":\"Internal Server Error\"}");
        }
    }

    /** The request body, or empty when it is larger than API Gateway accepts. */
    private static Optional<byte[]> readBody(HttpExchange exchange) throws IOException {
        String declaredLength = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declaredLength != null && declaredLength.matches("\\d+") && Long.parseLong(declaredLength) > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(body);
        }
    }

    private static Map<String, List<String>> lowerCaseHeaders(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).addAll(values));
        return headers;
    }

    private static void write(HttpExchange exchange, HttpApiResponse response) throws IOException {
        response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        // -1 tells the JDK server there is no body; 0 would mean "chunked".
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}
