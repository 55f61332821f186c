package dev.microjobs.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.microjobs.bench.Eventually;
import dev.microjobs.local.http.LoopbackHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MeteringProxyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheOperationFromTheTarget() {
        assertEquals("PutItem", MeteringProxy.operation("DynamoDB_20120810.PutItem"));
        assertEquals("SendMessageBatch", MeteringProxy.operation("AmazonSQS.SendMessageBatch"));
        assertEquals("unknown", MeteringProxy.operation(null));
    }

    @Test
    void readsTheCallingFunctionFromTheSdksUserAgent() {
        assertEquals("ReviewFunction", MeteringProxy.caller("aws-sdk-java/2.54.14 md/io#sync ua/2.1 os/Linux#6.1 "
                + "lang/java#17.0.15 md/OpenJDK_64-Bit_Server_VM#17.0.15 app/ReviewFunction m/D,e"));
        assertEquals(MeteringProxy.NO_FUNCTION, MeteringProxy.caller("aws-sdk-java/2.54.14 ua/2.1 os/Linux#6.1"));
        assertEquals(MeteringProxy.NO_FUNCTION, MeteringProxy.caller(null));
    }

    @Test
    void asksDynamoDbForItsCapacityAndCountsIt() throws Exception {
        AtomicReference<String> received = new AtomicReference<>();
        HttpServer dynamo = server(received, "{\"ConsumedCapacity\":{\"TableName\":\"T\",\"CapacityUnits\":6.0}}");
        Meter meter = new Meter();
        meter.start();
        try (MeteringProxy proxy = MeteringProxy.start("dynamodb", "http://127.0.0.1:" + dynamo.getAddress().getPort(),
                meter, new DynamoDbCapacity())) {
            HttpResponse<String> answer = post(proxy, "DynamoDB_20120810.PutItem", "{\"TableName\":\"T\",\"Item\":{}}");

            assertEquals(200, answer.statusCode());
            assertTrue(answer.body().contains("CapacityUnits"), "the answer is passed on");
            assertEquals("TOTAL", JSON.readTree(received.get()).get("ReturnConsumedCapacity").asText());
            Usage.Operation put = Recorded.operations(meter, "dynamodb", 1).get(0);
            assertEquals("PutItem", put.operation());
            assertEquals(6.0, put.writeUnits());
            assertEquals(1, put.latency().count());
            assertTrue(put.latency().p50() > 0, "timed: " + put.latency());
        } finally {
            dynamo.stop(0);
        }
    }

    @Test
    void aFailedWriteCostsTwoUnitsPerItemAtLeast() {
        assertEquals(4.0, DynamoDbCapacity.leastBilled("TransactWriteItems",
                JSON.createObjectNode().set("TransactItems", JSON.createArrayNode().add(1).add(2))));
        assertEquals(1.0, DynamoDbCapacity.leastBilled("UpdateItem", JSON.createObjectNode()));
    }

    @Test
    void aPartiqlBatchAnsweredWithoutCapacityCostsAUnitPerStatementAsReadsOrWrites() throws Exception {
        HttpServer dynamo = server(new AtomicReference<>(), "{\"Responses\":[{},{},{}],\"ConsumedCapacity\":[]}");
        Meter meter = new Meter();
        meter.start();
        try (MeteringProxy proxy = MeteringProxy.start("dynamodb", "http://127.0.0.1:" + dynamo.getAddress().getPort(),
                meter, new DynamoDbCapacity())) {
            post(proxy, "DynamoDB_20120810.BatchExecuteStatement", statements("UPDATE T SET s = ? WHERE pk = ?", 3));
            post(proxy, "DynamoDB_20120810.BatchExecuteStatement", statements(" select * FROM T WHERE pk = ?", 2));

            Usage.Operation batches = Recorded.operations(meter, "dynamodb", 2).get(0);
            assertEquals("BatchExecuteStatement", batches.operation());
            assertEquals(3.0, batches.writeUnits());
            assertEquals(2.0, batches.readUnits());
        } finally {
            dynamo.stop(0);
        }
    }

    @Test
    void countsSqsRequestsAndTellsEmptyReceivesApart() throws Exception {
        HttpServer sqs = server(new AtomicReference<>(), "{}");
        Meter meter = new Meter();
        meter.start();
        try (MeteringProxy proxy = MeteringProxy.start("sqs", "http://127.0.0.1:" + sqs.getAddress().getPort(),
                meter, new DynamoDbCapacity())) {
            post(proxy, "AmazonSQS.ReceiveMessage", "{\"QueueUrl\":\"q\"}");

            Usage.Operation receive = Recorded.operations(meter, "sqs", 1).get(0);
            assertEquals(1, receive.requests());
            assertEquals(1, receive.idle());
            assertEquals(0, receive.billedRequests());
        } finally {
            sqs.stop(0);
        }
    }

    @Test
    void answersAWriteBeforeReadingWhatItChanged() throws Exception {
        CountDownLatch afterReadMayAnswer = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        HttpServer dynamo = LoopbackHttpServer.create(0, 0);
        dynamo.setExecutor(Executors.newCachedThreadPool());
        dynamo.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String body = switch (MeteringProxy.operation(exchange.getRequestHeaders().getFirst("x-amz-target"))) {
                case "DescribeTable" -> "{\"Table\":{\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}}";
                case "BatchGetItem" -> {
                    if (reads.incrementAndGet() > 1) {
                        await(afterReadMayAnswer);
                    }
                    yield "{\"Responses\":{\"T\":[{\"pk\":{\"S\":\"a\"},\"v\":{\"S\":\"" + "x".repeat(1500) + "\"}}]}}";
                }
                default -> "{}";
            };
            answer(exchange, body);
        });
        dynamo.start();
        Meter meter = new Meter();
        meter.start();
        try (MeteringProxy proxy = MeteringProxy.start("dynamodb", "http://127.0.0.1:" + dynamo.getAddress().getPort(),
                meter, new DynamoDbCapacity())) {
            HttpResponse<String> answer = post(proxy, "DynamoDB_20120810.TransactWriteItems",
                    "{\"TransactItems\":[{\"Update\":{\"TableName\":\"T\",\"Key\":{\"pk\":{\"S\":\"a\"}},"
                            + "\"UpdateExpression\":\"SET v = :v\"}}]}");

            assertEquals(200, answer.statusCode());
            Eventually.waitFor(() -> reads.get() >= 2, Duration.ofSeconds(10));
            assertEquals(2, reads.get(), "the item was read before the write and is being read after it");
            assertTrue(meter.usage().of("dynamodb").isEmpty(), "not metered before the read after it is answered");
            afterReadMayAnswer.countDown();
            Usage.Operation transaction = Recorded.operations(meter, "dynamodb", 1).get(0);
            assertEquals(4.0, transaction.writeUnits(), "a 1.5 KB item written in a transaction: 2 units, twice");
        } finally {
            afterReadMayAnswer.countDown();
            dynamo.stop(0);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String statements(String statement, int count) {
        return "{\"Statements\":[" + String.join(",", Collections.nCopies(count, "{\"Statement\":\"" + statement + "\"}")) + "]}";
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static HttpServer server(AtomicReference<String> received, String answer) throws Exception {
        HttpServer server = LoopbackHttpServer.create(0, 0);
        server.createContext("/", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, answer);
        });
        server.start();
        return server;
    }

    private static HttpResponse<String> post(MeteringProxy proxy, String target, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(proxy.endpoint() + "/"))
                .header("x-amz-target", target).header("content-type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
