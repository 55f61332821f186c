package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microjobs.aws.dynamodb.DynamoAccountStore;
import dev.microjobs.aws.dynamodb.DynamoLedgerReader;
import dev.microjobs.aws.dynamodb.TableConfiguration;
import dev.microjobs.core.accounts.AccountAdmin;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.ledger.LedgerAudit;
import dev.microjobs.local.LocalStack;
import dev.microjobs.local.LocalStackOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Base of the integration tests on the whole app: the local stack on the real template.yaml,
 * started once per test class (each IT class runs in its own JVM, see the module POM), with
 * clients for its HTTP API, DynamoDB and SQS, and the operator's account commands.
 */
public abstract class StackTest {
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final Path TEMPLATE = Path.of("../../template.yaml");

    protected static LocalStack stack;
    protected static DynamoDbClient dynamo;
    protected static SqsClient sqs;
    protected static AccountAdmin admin;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Marks a test class whose own {@code @BeforeAll} starts the stack, with more options, through
     * {@link #startStack(UnaryOperator)} (a static method of the same name does not replace this
     * class's {@code @BeforeAll}: JUnit runs both).
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    protected @interface StartsItsOwnStack {
    }

    @BeforeAll
    static void startStack(TestInfo test) {
        if (test.getTestClass().filter(type -> type.isAnnotationPresent(StartsItsOwnStack.class)).isEmpty()) {
            startStack(UnaryOperator.identity());
        }
    }

    /** Starts the stack on the real template with {@code moreOptions} (template parameters, say). */
    protected static void startStack(UnaryOperator<LocalStackOptions> moreOptions) {
        stack = LocalStack.start(moreOptions.apply(LocalStackOptions.onFreePorts().withTemplate(TEMPLATE)
                .withParameter("AllowLoopbackUrls", "true")));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("it", "it"));
        dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).endpointOverride(URI.create(stack.dynamoDbEndpoint())).build();
        sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).endpointOverride(URI.create(stack.sqsEndpoint())).build();
        TableConfiguration table = new TableConfiguration();
        table.setName(stack.tableName("MicrojobsTable"));
        admin = new AccountAdmin(new DynamoAccountStore(dynamo, table), new IdGenerator(Clock.systemUTC()),
                Clock.systemUTC());
    }

    /** ledger-verify after every test: money is conserved whatever the test did. */
    @AfterEach
    void ledgerIsConserved() {
        assertLedgerConserved();
    }

    /**
     * Runs the ledger audit until it passes or 10 s go by: work still in flight (a payout being
     * recorded while the scan reads) can make one scan see half of a transaction.
     */
    protected static void assertLedgerConserved() {
        DynamoLedgerReader reader = new DynamoLedgerReader(dynamo, stack.tableName("MicrojobsTable"));
        Instant deadline = Instant.now().plusSeconds(10);
        LedgerAudit.Report report = reader.audit();
        while (!report.conserved() && Instant.now().isBefore(deadline)) {
            sleep(200);
            report = reader.audit();
        }
        assertTrue(report.conserved(), report.summary() + " " + report.problems());
    }

    @AfterAll
    static void stopStack() {
        if (dynamo != null) {
            dynamo.close();
            sqs.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** A new business with {@code credit} minor units of USD; its API key. */
    protected static String newBusiness(long credit) {
        return admin.createBusiness("IT business", credit, "USD").apiKey();
    }

    protected static AccountAdmin.NewWorker newWorker(String... skills) {
        return admin.createWorker("IT worker", Set.of(skills));
    }

    protected static Response get(String path, String key) {
        return send("GET", path, key, null, Map.of());
    }

    protected static Response post(String path, String key, Object body) {
        return send("POST", path, key, body, Map.of());
    }

    /** {@code body}: a String is sent as is, anything else as JSON; null sends no body. */
    protected static Response send(String method, String path, String key, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
                    .timeout(Duration.ofSeconds(30));
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            request.method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(text));
            if (text != null && !headers.containsKey("content-type")) {
                request.header("content-type", "application/json");
            }
            if (key != null) {
                request.header("authorization", "Bearer " + key);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> responseHeaders.put(name.toLowerCase(), String.join(",", values)));
            return new Response(response.statusCode(), responseHeaders, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls until {@code condition} holds, failing with {@code what} after {@code timeout}. */
    protected static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail("timed out waiting for " + what);
            }
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected record Response(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }
}
