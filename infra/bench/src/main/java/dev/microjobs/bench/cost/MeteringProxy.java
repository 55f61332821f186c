package dev.microjobs.bench.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.microjobs.local.http.LoopbackHttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * An HTTP proxy in front of DynamoDB Local or ElasticMQ that meters every request on its way.
 * Both speak AWS's JSON protocol: the operation is the {@code X-Amz-Target} header
 * ({@code DynamoDB_20120810.PutItem}, {@code AmazonSQS.SendMessageBatch}).
 *
 * <p>DynamoDB requests that can report capacity get {@code "ReturnConsumedCapacity": "TOTAL"}
 * added, and the units in the answer are what is counted (see {@link DynamoDbCapacity} for what
 * DynamoDB Local leaves out and how it is made up for). SQS requests are counted in 64 KB chunks
 * of the larger of request and answer. Bodies are passed on byte for byte otherwise, so the SDK's
 * response checksums still hold; signatures are not checked by either local server.
 */
public final class MeteringProxy implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers the JDK client sets itself or refuses to be given. */
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    /** The caller of requests that carry no function's name: Lambda's SQS pollers, in the local stack's JVM. */
    public static final String NO_FUNCTION = "(event-source pollers)";
    private static final String TRANSACT_WRITE = "TransactWriteItems";
    private static final String PARTIQL_BATCH = "BatchExecuteStatement";

    private final String service;
    private final URI target;
    private final Meter meter;
    private final DynamoDbCapacity capacity;
    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final WriteCost writeCost = new WriteCost(new UnmeteredReads());

    private MeteringProxy(String service, URI target, Meter meter, DynamoDbCapacity capacity) throws IOException {
        this.service = service;
        this.target = target;
        this.meter = meter;
        this.capacity = capacity;
        this.server = LoopbackHttpServer.create(0, 256);
        // The functions, pollers and drivers call at once; a blocked forward must not hold up the others.
        this.threads = Executors.newFixedThreadPool(64, runnable -> {
            Thread thread = new Thread(runnable, "metering-proxy-" + service);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::forward);
    }

    /** @param service {@code dynamodb} or {@code sqs} */
    public static MeteringProxy start(String service, String endpoint, Meter meter, DynamoDbCapacity capacity) {
        try {
            MeteringProxy proxy = new MeteringProxy(service, URI.create(endpoint), meter, capacity);
            proxy.server.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the metering proxy for " + service, e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange) throws IOException {
        boolean answered = false;
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            String operation = operation(exchange.getRequestHeaders().getFirst("x-amz-target"));
            ObjectNode dynamoRequest = null;
            if (service.equals("dynamodb") && DynamoDbCapacity.reportsCapacity(operation)) {
                dynamoRequest = (ObjectNode) JSON.readTree(requestBody);
                dynamoRequest.put("ReturnConsumedCapacity", "TOTAL");
                requestBody = JSON.writeValueAsBytes(dynamoRequest);
            }
            String caller = caller(exchange.getRequestHeaders().getFirst("user-agent"));
            Optional<WriteCost.Before> before = before(operation, dynamoRequest);
            long sent = System.nanoTime();
            HttpResponse<byte[]> response = send(exchange, requestBody);
            long nanos = System.nanoTime() - sent;
            meter.answering();
            try {
                answer(exchange, response);
                answered = true;
                // After the answer: reading what a write changed must not delay the caller being measured.
                record(caller, operation, dynamoRequest, requestBody.length, response, nanos, before);
            } finally {
                meter.metered();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
        } catch (IOException | RuntimeException e) {
            if (answered) {
                throw new IllegalStateException("could not meter a " + service + " request that was answered", e);
            }
            // Answer like an unreachable service would, so the SDK retries as it would in AWS.
            exchange.sendResponseHeaders(503, -1);
        }
    }

    private static void answer(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private HttpResponse<byte[]> send(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void record(String caller, String operation, ObjectNode dynamoRequest, int requestBytes, HttpResponse<byte[]> response,
                        long nanos, Optional<WriteCost.Before> before) throws IOException {
        boolean succeeded = response.statusCode() / 100 == 2;
        if (service.equals("dynamodb")) {
            JsonNode answer = succeeded && dynamoRequest != null ? JSON.readTree(decoded(response)) : null;
            DynamoDbCapacity.Units units = capacity.units(operation, dynamoRequest, answer);
            Optional<WriteCost.Units> estimated = succeeded ? before.flatMap(changed -> estimate(operation, changed, answer))
                    : Optional.empty();
            estimated.ifPresent(meter::estimated);
            double writeUnits = estimated.map(estimate -> estimate.total() + unestimatedStatements(operation, dynamoRequest,
                    before.orElseThrow(), answer)).orElse(units.write());
            meter.dynamoDb(caller, operation, succeeded, units.read(), writeUnits, nanos);
        } else {
            byte[] body = decoded(response);
            boolean emptyReceive = succeeded && operation.equals("ReceiveMessage") && !hasMessages(body);
            meter.sqs(caller, operation, succeeded, Math.max(requestBytes, body.length), emptyReceive, nanos);
        }
    }

    /**
     * The items a transaction or a PartiQL batch is about to change; empty for other requests, and
     * when the items cannot be read or it names none: the write then counts as DynamoDB Local reports it.
     */
    private Optional<WriteCost.Before> before(String operation, JsonNode request) {
        try {
            WriteCost.Before before = switch (operation) {
                case TRANSACT_WRITE -> writeCost.beforeTransaction(request);
                case PARTIQL_BATCH -> writeCost.beforeStatements(request);
                default -> null;
            };
            return Optional.ofNullable(before).filter(read -> !read.actions().isEmpty());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A transaction's actions all applied; of a PartiQL batch, the statements answered without an error. */
    private Optional<WriteCost.Units> estimate(String operation, WriteCost.Before before, JsonNode answer) {
        try {
            if (operation.equals(TRANSACT_WRITE)) {
                return Optional.of(writeCost.units(before, 2, action -> true));
            }
            return Optional.of(writeCost.units(before, 1, appliedIn(answer)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Statements of a batch that failed or were not read: each at the least AWS bills, one unit. */
    private static double unestimatedStatements(String operation, JsonNode request, WriteCost.Before before, JsonNode answer) {
        if (!operation.equals(PARTIQL_BATCH)) {
            return 0;
        }
        return request.path("Statements").size() - before.actions().stream().filter(appliedIn(answer)).count();
    }

    /** A statement of a PartiQL batch applied: its response, in the request's order, holds no error. */
    private static Predicate<WriteCost.Action> appliedIn(JsonNode answer) {
        JsonNode responses = answer.path("Responses");
        return action -> !responses.path(action.position()).has("Error");
    }

    /** DynamoDB Local read directly, past the meter. */
    private final class UnmeteredReads implements WriteCost.Store {
        /** DynamoDB Local wants a well-formed signature header but does not check it. */
        private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, "
                + "SignedHeaders=host, Signature=0";

        @Override
        public List<JsonNode> batchGet(ObjectNode request) {
            List<JsonNode> items = new ArrayList<>();
            call("BatchGetItem", request).path("Responses").forEach(table -> table.forEach(items::add));
            return items;
        }

        @Override
        public JsonNode describe(String table) {
            return call("DescribeTable", JSON.createObjectNode().put("TableName", table)).path("Table");
        }

        private JsonNode call(String operation, ObjectNode body) {
            try {
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(target)
                        .timeout(Duration.ofSeconds(30))
                        .header("x-amz-target", "DynamoDB_20120810." + operation)
                        .header("content-type", "application/x-amz-json-1.0")
                        .header("authorization", AUTHORIZATION)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() / 100 != 2) {
                    throw new IllegalStateException(operation + " answered " + response.statusCode());
                }
                return JSON.readTree(decoded(response));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean hasMessages(byte[] body) throws IOException {
        JsonNode messages = JSON.readTree(body).path("Messages");
        return messages.isArray() && !messages.isEmpty();
    }

    private static byte[] decoded(HttpResponse<byte[]> response) throws IOException {
        if (response.headers().firstValue("content-encoding").map("gzip"::equalsIgnoreCase).orElse(false)) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
                return in.readAllBytes();
            }
        }
        return response.body();
    }

    /**
     * The function that sent a request: the SDK adds the JVM's {@code sdk.ua.appId}, which the
     * benchmark sets to the function's name, to its user agent as {@code app/<id>}.
     */
    static String caller(String userAgent) {
        if (userAgent != null) {
            for (String part : userAgent.split(" ")) {
                if (part.startsWith("app/") && part.length() > "app/".length()) {
                    return part.substring("app/".length());
                }
            }
        }
        return NO_FUNCTION;
    }

    /** {@code DynamoDB_20120810.PutItem} → {@code PutItem}; no header → {@code unknown}. */
    static String operation(String target) {
        if (target == null || target.isBlank()) {
            return "unknown";
        }
        int dot = target.lastIndexOf('.');
        return dot < 0 ? target : target.substring(dot + 1);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
