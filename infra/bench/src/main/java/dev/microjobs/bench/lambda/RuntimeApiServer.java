package dev.microjobs.bench.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.microjobs.local.http.LoopbackHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (version 2018-06-01) for one execution environment, on 127.0.0.1: the runtime
 * inside a function process long-polls {@code GET /runtime/invocation/next} for an event and posts the
 * handler's result to {@code /runtime/invocation/{id}/response} or {@code .../error}; a handler that
 * cannot start posts {@code /runtime/init/error}. One server per process, as Lambda gives each
 * execution environment its own endpoint ({@code AWS_LAMBDA_RUNTIME_API}).
 */
public final class RuntimeApiServer implements AutoCloseable {

    static final String BASE = "/2018-06-01/runtime";
    private static final long POLL_MILLIS = 200;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "lambda-runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private final String functionArn;
    private final BlockingQueue<Invocation> waiting = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> running = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private volatile boolean closed;

    private RuntimeApiServer(HttpServer server, String functionArn) {
        this.server = server;
        this.functionArn = functionArn;
    }

    /** Listens on a free port of 127.0.0.1. */
    public static RuntimeApiServer start(String functionArn) throws IOException {
        HttpServer server = LoopbackHttpServer.create(0, 0);
        RuntimeApiServer api = new RuntimeApiServer(server, functionArn);
        server.createContext(BASE + "/", api::handle);
        server.setExecutor(api.threads);
        server.start();
        return api;
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Queues an event for the runtime's next poll.
     *
     * @param deadlineMillis epoch milliseconds by which the handler must have answered (its context's remaining time)
     */
    public Invocation submit(byte[] event, long deadlineMillis) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event, deadlineMillis);
        waiting.add(invocation);
        return invocation;
    }

    /** {@link System#nanoTime()} when the runtime first asked for an event, i.e. when its init phase ended. */
    public Optional<Long> firstPollNanos() {
        return Optional.ofNullable(firstPoll.getNow(null));
    }

    /** What the runtime reported through {@code /init/error}: the handler could not be created. */
    public Optional<String> initError() {
        return Optional.ofNullable(initError.getNow(null));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(BASE.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("/invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("/init/error")) {
                initError.complete(body(exchange));
                running.values().forEach(invocation -> invocation.fail("init error: " + initError.join()));
                accepted(exchange);
            } else if (method.equals("POST") && path.startsWith("/invocation/")) {
                result(exchange, path.substring("/invocation/".length()));
            } else {
                send(exchange, 404, "{\"errorType\":\"UnknownPath\",\"errorMessage\":\"" + method + " " + path + "\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.complete(System.nanoTime());
        Invocation invocation = null;
        try {
            while (invocation == null && !closed) {
                invocation = waiting.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            send(exchange, 500, "{\"errorType\":\"ShuttingDown\"}");
            return;
        }
        running.put(invocation.requestId(), invocation);
        invocation.handedOver();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + invocation.requestId().replace("-", "").substring(0, 24) + ";Parent=0000000000000000;Sampled=0");
        exchange.sendResponseHeaders(200, invocation.event().length);
        exchange.getResponseBody().write(invocation.event());
    }

    /** {@code {id}/response} or {@code {id}/error}. */
    private void result(HttpExchange exchange, String idAndKind) throws IOException {
        int slash = idAndKind.indexOf('/');
        Invocation invocation = slash < 0 ? null : running.remove(idAndKind.substring(0, slash));
        String kind = slash < 0 ? "" : idAndKind.substring(slash + 1);
        if (invocation == null || !(kind.equals("response") || kind.equals("error"))) {
            send(exchange, 400, "{\"errorType\":\"InvalidRequestID\",\"errorMessage\":\"" + idAndKind + "\"}");
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (kind.equals("response")) {
            invocation.succeed(body);
        } else {
            invocation.fail(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"))
                    .map(type -> type + ": ").orElse("") + new String(body, StandardCharsets.UTF_8));
        }
        accepted(exchange);
    }

    /** Fails whatever is queued or running: the process behind this endpoint is gone. */
    void abandon(String reason) {
        for (Invocation invocation; (invocation = waiting.poll()) != null; ) {
            invocation.fail(reason);
        }
        running.values().forEach(invocation -> invocation.fail(reason));
        running.clear();
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        closed = true;
        abandon("the function's runtime API was closed");
        server.stop(0);
        threads.shutdownNow();
    }
}
