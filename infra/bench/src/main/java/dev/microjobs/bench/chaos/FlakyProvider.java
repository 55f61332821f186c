package dev.microjobs.bench.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.microjobs.local.http.LoopbackHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.random.RandomGenerator;

/**
 * A real HTTP server on 127.0.0.1 standing in for an outside provider, failing a share of calls the
 * ways providers fail: a 5xx or 429 answer, an answer slower than the caller's timeout, or a
 * connection closed without an answer. Subclasses decide where in their work each fault strikes.
 */
abstract class FlakyProvider implements AutoCloseable {

    /** The ways a call fails. */
    enum Fault { SERVER_ERROR, RATE_LIMITED, TIMEOUT, CONNECTION_RESET }

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "chaos-provider");
        thread.setDaemon(true);
        return thread;
    });
    private final double failureShare;
    private final RandomGenerator random;
    private final Duration callerTimeout;
    private final AtomicLongArray faults = new AtomicLongArray(Fault.values().length);

    /**
     * @param callerTimeout how long the caller waits for an answer; a {@link Fault#TIMEOUT} answers later than that
     */
    FlakyProvider(String path, double failureShare, RandomGenerator random, Duration callerTimeout) throws IOException {
        this.failureShare = failureShare;
        this.random = random;
        this.callerTimeout = callerTimeout;
        server = LoopbackHttpServer.create(0, 0);
        server.setExecutor(threads);
        server.createContext(path, exchange -> {
            try {
                handle(exchange);
            } catch (RuntimeException e) {
                // A broken stand-in must not pass for an injected fault: the server logs it, and the caller gets a 500.
                send(exchange, 500, "{\"error\":\"stand-in failed\"}");
                throw e;
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** Serves one call; uses {@link #drawFault()} and {@link #fail} to misbehave. */
    abstract void handle(HttpExchange exchange) throws IOException;

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The fault for this call, if it gets one. */
    synchronized Fault drawFault() {
        if (failureShare <= 0 || random.nextDouble() >= failureShare) {
            return null;
        }
        Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
        faults.incrementAndGet(fault.ordinal());
        return fault;
    }

    /** Answers the way {@code fault} says; a timeout answers {@code late} once the caller has given up. */
    void fail(HttpExchange exchange, Fault fault, String late) throws IOException {
        switch (fault) {
            case SERVER_ERROR -> send(exchange, 503, "{\"error\":{\"message\":\"service unavailable (injected)\"}}");
            case RATE_LIMITED -> send(exchange, 429, "{\"error\":{\"message\":\"rate limited (injected)\"}}");
            case TIMEOUT -> {
                pause(callerTimeout.plusMillis(500));
                send(exchange, 200, late);
            }
            // Closing the exchange before any response is written drops the connection without an answer.
            case CONNECTION_RESET -> exchange.getRequestBody().close();
        }
    }

    Map<Fault, Long> faults() {
        Map<Fault, Long> counts = new EnumMap<>(Fault.class);
        for (Fault fault : Fault.values()) {
            counts.put(fault, faults.get(fault.ordinal()));
        }
        return counts;
    }

    long faultsInjected() {
        return faults().values().stream().mapToLong(Long::longValue).sum();
    }

    static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException callerGone) {
            // A caller that timed out has closed its end; that is the point of a late answer.
        }
    }

    static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
