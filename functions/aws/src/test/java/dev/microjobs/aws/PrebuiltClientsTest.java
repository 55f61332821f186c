package dev.microjobs.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The clients built at start, against a real (tiny) HTTP server answering like DynamoDB. The
 * SDK settings are system properties, as the local stack gives them; each test puts back what
 * it changed.
 */
class PrebuiltClientsTest {

    private static final Map<String, String> IN_LAMBDA = Map.of(PrebuiltClients.LAMBDA_RUNTIME_API, "127.0.0.1:9001");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestSystemProperties properties = new TestSystemProperties();
    private final BlockingQueue<JsonNode> requests = new LinkedBlockingQueue<>();
    private final AtomicBoolean failNextRequest = new AtomicBoolean();
    private HttpServer dynamoDb;

    @BeforeEach
    void startDynamoDb() throws IOException {
        dynamoDb = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        dynamoDb.createContext("/", exchange -> {
            ObjectNode request = (ObjectNode) JSON.readTree(exchange.getRequestBody());
            request.put("target", exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            boolean fail = failNextRequest.getAndSet(false);
            byte[] body = (fail
                    ? "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":\"no table\"}"
                    : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(fail ? 400 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            requests.add(request);
        });
        dynamoDb.start();
        properties.set("aws.region", "us-east-1");
        properties.set("aws.accessKeyId", "test");
        properties.set("aws.secretAccessKey", "test");
        properties.set("aws.endpointUrlDynamoDb", "http://127.0.0.1:" + dynamoDb.getAddress().getPort());
    }

    @AfterEach
    void restore() {
        PrebuiltClients.take().ifPresent(PrebuiltClientsTest::close);
        dynamoDb.stop(0);
        properties.restore();
    }

    @Test
    void outsideLambdaNothingIsBuiltAndCallersBuildTheirOwn() {
        PrebuiltClients.startIfInLambda(Map.of("AWS_REGION", "us-east-1"));

        assertEquals(Optional.empty(), PrebuiltClients.take());
    }

    @Test
    void inLambdaTheClientsAreHandedOutOnceAndWork() {
        PrebuiltClients.startIfInLambda(IN_LAMBDA);

        PrebuiltClients.Clients clients = PrebuiltClients.take().orElseThrow();
        assertEquals(Optional.empty(), PrebuiltClients.take(), "a second handler in the JVM builds its own");
        try {
            GetItemResponse answer = clients.dynamoDb().getItem(read -> read.tableName("t").key(PrebuiltClients.PRIMING_KEY));
            assertFalse(answer.hasItem());
            assertNotNull(clients.sqs());
        } finally {
            close(clients);
        }
    }

    @Test
    void startingTwiceBuildsOnce() {
        PrebuiltClients.startIfInLambda(IN_LAMBDA);
        PrebuiltClients.startIfInLambda(IN_LAMBDA);

        close(PrebuiltClients.take().orElseThrow());
        assertEquals(Optional.empty(), PrebuiltClients.take());
    }

    @Test
    void aBuildThatFailsLeavesTheCallerToBuildItsOwn() {
        properties.set("aws.region", null);
        assumeTrue(System.getenv("AWS_REGION") == null,
                "AWS_REGION is set on this machine, so the build cannot fail for want of a region");

        PrebuiltClients.startIfInLambda(IN_LAMBDA);

        assertEquals(Optional.empty(), PrebuiltClients.take());
    }

    @Test
    void primingReadsAKeyNoItemHasFromTheFunctionsTable() throws InterruptedException {
        PrebuiltClients.startIfInLambda(IN_LAMBDA);
        PrebuiltClients.Clients clients = PrebuiltClients.take().orElseThrow();
        try {
            PrebuiltClients.prime(clients.dynamoDb(), "microjobs-table");

            JsonNode read = requests.poll(10, TimeUnit.SECONDS);
            assertNotNull(read, "no priming read arrived");
            assertEquals("DynamoDB_20120810.GetItem", read.get("target").asText());
            assertEquals("microjobs-table", read.get("TableName").asText());
            assertEquals("PRIMING", read.at("/Key/pk/S").asText());
            assertEquals("PRIMING", read.at("/Key/sk/S").asText());
        } finally {
            close(clients);
        }
    }

    @Test
    void aPrimingReadThatFailsIsHarmless() throws InterruptedException {
        failNextRequest.set(true);
        PrebuiltClients.startIfInLambda(IN_LAMBDA);
        PrebuiltClients.Clients clients = PrebuiltClients.take().orElseThrow();
        try {
            PrebuiltClients.prime(clients.dynamoDb(), "no-such-table");

            assertNotNull(requests.poll(10, TimeUnit.SECONDS), "no priming read arrived");
            assertFalse(clients.dynamoDb().getItem(read -> read.tableName("t").key(PrebuiltClients.PRIMING_KEY)).hasItem(),
                    "the client still works after a failed priming read");
        } finally {
            close(clients);
        }
    }


    private static void close(PrebuiltClients.Clients clients) {
        clients.dynamoDb().close();
        clients.sqs().close();
        clients.http().close();
    }
}
