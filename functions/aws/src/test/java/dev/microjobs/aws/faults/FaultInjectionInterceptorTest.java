package dev.microjobs.aws.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.microjobs.aws.faults.InjectedFaults.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** The interceptor on a real SDK client talking to a real (tiny) HTTP server that answers like DynamoDB. */
class FaultInjectionInterceptorTest {

    private HttpServer server;
    private final AtomicInteger requestsServed = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requestsServed.incrementAndGet();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void noShareNoFault() {
        try (DynamoDbClient client = client(0, 0, 1)) {
            for (int i = 0; i < 50; i++) {
                put(client);
            }
        }
        assertEquals(50, requestsServed.get());
    }

    @Test
    void everyCallFailsWithOneOfTheThreeFaultsWhenTheShareIsOne() {
        Map<Kind, Long> before = InjectedFaults.counts();
        int timeouts = 0;
        try (DynamoDbClient client = client(1, 0, 7)) {
            for (int i = 0; i < 60; i++) {
                SdkException fault = assertThrows(SdkException.class, () -> put(client));
                if (fault instanceof DynamoDbException serviceError) {
                    int status = serviceError.statusCode();
                    assertTrue(status == 500 || (status == 400 && serviceError.isThrottlingException()), serviceError.toString());
                } else {
                    assertInstanceOf(ApiCallTimeoutException.class, fault);
                    timeouts++;
                }
            }
        }
        Map<Kind, Long> after = InjectedFaults.counts();
        assertTrue(after.get(Kind.THROTTLING) > before.get(Kind.THROTTLING));
        assertTrue(after.get(Kind.SERVER_ERROR) > before.get(Kind.SERVER_ERROR));
        assertEquals(timeouts, after.get(Kind.TIMEOUT_AFTER_SEND) - before.get(Kind.TIMEOUT_AFTER_SEND));
        // Throttling and 500s never reach the service; a timeout does, which is what makes it ambiguous.
        assertEquals(timeouts, requestsServed.get());
    }

    @Test
    void aCrashAfterAWriteComesAfterTheServiceHasActedAndIsNotAnException() {
        try (DynamoDbClient client = client(0, 1, 3)) {
            Throwable crash = assertThrows(Throwable.class, () -> put(client));
            assertInstanceOf(SimulatedCrash.class, crash);
            assertFalse(crash instanceof Exception);
            assertEquals(1, requestsServed.get());
            // Reads are never followed by a crash.
            client.getItem(request -> request.tableName("t").key(Map.of("pk", AttributeValue.fromS("a"))));
        }
    }

    @Test
    void aSeededRunMakesTheSameChoices() {
        assertEquals(outcomes(42), outcomes(42));
    }

    @Test
    void sharesOutsideZeroToOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FaultInjectionSettings(1.5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FaultInjectionSettings(0, -0.1, 0));
        assertFalse(new FaultInjectionSettings(0, 0, 9).enabled());
    }

    private String outcomes(long seed) {
        StringBuilder outcomes = new StringBuilder();
        try (DynamoDbClient client = client(0.5, 0, seed)) {
            for (int i = 0; i < 40; i++) {
                try {
                    put(client);
                    outcomes.append('.');
                } catch (SdkException e) {
                    outcomes.append(e.getClass().getSimpleName().charAt(0));
                }
            }
        }
        return outcomes.toString();
    }

    private DynamoDbClient client(double sdkShare, double crashShare, long seed) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(configuration -> configuration
                        .retryStrategy(retry -> retry.maxAttempts(1))
                        .addExecutionInterceptor(new FaultInjectionInterceptor(sdkShare, crashShare, new SplittableRandom(seed))))
                .build();
    }

    private static void put(DynamoDbClient client) {
        client.putItem(request -> request.tableName("t").item(Map.of("pk", AttributeValue.fromS("a"))));
    }
}
