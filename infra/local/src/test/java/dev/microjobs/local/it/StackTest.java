package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.microjobs.aws.dynamodb.DynamoJobStore;
import dev.microjobs.aws.dynamodb.DynamoLedgerStore;
import dev.microjobs.aws.dynamodb.DynamoPayoutStore;
import dev.microjobs.aws.dynamodb.DynamoTaskStore;
import dev.microjobs.aws.dynamodb.IdempotencyItems;
import dev.microjobs.aws.dynamodb.TaskItems;
import dev.microjobs.core.domain.Claim;
import dev.microjobs.core.domain.DraftUse;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Submission;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.ledger.EntryReason;
import dev.microjobs.core.ledger.LedgerAccount;
import dev.microjobs.core.ledger.LedgerEntry;
import dev.microjobs.core.ports.LedgerStore;
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
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Base of the integration tests on the whole app: the local stack on the real template.yaml,
 * started once per test class (each IT class runs in its own JVM, see the module POM), with
 * clients for its HTTP API, DynamoDB and SQS, and the operator's account commands.
 *
 * <p>A test class that needs other template parameters declares
 * {@code static Map<String, String> stackParameters()}; it is called before the stack starts,
 * so it may start a stand-in server first and pass its URL.
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
     * Rate limits for the tests that are not about them: far above what a test sends, so a test
     * that fires requests with one key in a loop passes however fast the machine is. The
     * template's own, production, defaults are for people; RateLimitIT sets low limits and
     * watches them work.
     */
    private static final Map<String, String> RATE_LIMITS_OUT_OF_THE_WAY = Map.of(
            "BusinessRateLimitPerSecond", "100000", "BusinessRateLimitBurst", "100000",
            "WorkerRateLimitPerSecond", "100000", "WorkerRateLimitBurst", "100000");

    /**
     * The payouts queue gathers a worker's approvals for 10 s into one payout; a test waits for
     * each payout it makes, so the tests' event sources wait a second at most. The queue's own
     * batching is the benchmarks' and the chaos run's to show.
     */
    private static final int BATCHING_WINDOW_SECONDS = 1;

    /** Starts the stack, with the template parameters the test class asks for (see the class comment). */
    @BeforeAll
    static void startStack(TestInfo testInfo) {
        startStackFor(testInfo.getTestClass().orElseThrow());
    }

    /** What {@link #startStack} does, for test engines other than Jupiter (jqwik calls it from a {@code @BeforeContainer}). */
    protected static void startStackFor(Class<?> testClass) {
        LocalStackOptions options = LocalStackOptions.onFreePorts().withTemplate(TEMPLATE)
                .withParameter("AllowLoopbackUrls", "true").withBatchingWindowsOfAtMost(BATCHING_WINDOW_SECONDS);
        for (Map.Entry<String, String> limit : RATE_LIMITS_OUT_OF_THE_WAY.entrySet()) {
            options = options.withParameter(limit.getKey(), limit.getValue());
        }
        for (Map.Entry<String, String> parameter : declaredParameters(testClass).entrySet()) {
            options = options.withParameter(parameter.getKey(), parameter.getValue());
        }
        stack = LocalStack.start(options);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("it", "it"));
        dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).endpointOverride(URI.create(stack.dynamoDbEndpoint())).build();
        sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).endpointOverride(URI.create(stack.sqsEndpoint())).build();
        TableConfiguration table = new TableConfiguration();
        table.setName(stack.tableName("MicrojobsTable"));
        admin = new AccountAdmin(new DynamoAccountStore(dynamo, table), new IdGenerator(Clock.systemUTC()),
                Clock.systemUTC());
        TaskItems taskItems = new TaskItems();
        taskStore = new DynamoTaskStore(dynamo, table, taskItems);
        jobStore = new DynamoJobStore(dynamo, table, taskItems, taskStore, new IdempotencyItems(dynamo, table, Clock.systemUTC()));
        payoutStore = new DynamoPayoutStore(dynamo, table);
        ledgerStore = new DynamoLedgerStore(dynamo, table, taskItems);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> declaredParameters(Class<?> testClass) {
        try {
            Method declared = testClass.getDeclaredMethod("stackParameters");
            declared.setAccessible(true);
            return (Map<String, String>) declared.invoke(null);
        } catch (NoSuchMethodException none) {
            return Map.of();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(testClass.getSimpleName() + ".stackParameters() failed", e);
        }
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
    protected static void stopStack() {
        if (dynamo != null) {
            dynamo.close();
            sqs.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** The app's own adapters on the stack's table, for steps the tests take without an API. */
    protected static DynamoTaskStore taskStore;
    protected static DynamoJobStore jobStore;
    protected static DynamoPayoutStore payoutStore;
    protected static DynamoLedgerStore ledgerStore;
    private static final IdGenerator TEST_IDS = new IdGenerator(Clock.systemUTC());

    /** A job of {@code count} tasks with no drafts, so they are READY at once; its task ids. */
    protected static List<String> readyTasks(String key, int count, long reward) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inputs.add(Map.of("question", "Where is order " + i + "?", "text", "Orders ship in two days."));
        }
        Response created = post("/v1/jobs", key, Map.of(
                "type", "chatbot-qa", "title", "Support answers", "instructions", "Answer briefly.",
                "reward", Map.of("amount", reward, "currency", "USD"),
                "draft", Map.of("provider", "none"),
                "inputs", inputs));
        assertEquals(201, created.status(), created.body());
        List<String> ids = new ArrayList<>();
        created.json().get("taskIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    protected static Task submitAs(String workerId, String taskId) {
        return submitAs(workerId, taskId, "Answer " + taskId);
    }

    /**
     * Stands in for a worker's claim and submission where a test needs a submitted task and not
     * the worker API (WorkerApiIT tests that): the same domain moves and conditional writes.
     */
    protected static Task submitAs(String workerId, String taskId, String output) {
        return submitAs(workerId, taskId, new TextNode(output));
    }

    protected static Task submitAs(String workerId, String taskId, JsonNode output) {
        Instant now = Instant.now();
        Task ready = jobStore.findTask(taskId).orElseThrow();
        Claim claim = new Claim(TEST_IDS.next(IdType.CLAIM), workerId, now, now.plusSeconds(600));
        Task claimed = ready.claim(claim, now);
        assertTrue(taskStore.transition(ready, claimed));
        Task submitted = claimed.submit(new Submission(claim.claimId(), workerId, output,
                DraftUse.DISCARDED, now, now, 12, 1.0), now);
        assertTrue(taskStore.transition(claimed, submitted));
        return submitted;
    }

    /** Approves through the ledger as the approve endpoint does, but sends no payout request. */
    protected static Task approveWithoutPayoutMessage(Task submitted) {
        Instant now = Instant.now();
        Task approved = submitted.transition(TaskState.APPROVED, now);
        String workerId = submitted.submission().workerId();
        List<LedgerEntry> entries = List.of(
                new LedgerEntry(TEST_IDS.next(IdType.LEDGER_ENTRY), LedgerAccount.businessEscrow(submitted.businessId()),
                        LedgerAccount.workerEarnings(workerId), submitted.reward(), EntryReason.REWARD,
                        submitted.jobId(), submitted.id(), now),
                new LedgerEntry(TEST_IDS.next(IdType.LEDGER_ENTRY), LedgerAccount.businessEscrow(submitted.businessId()),
                        LedgerAccount.PLATFORM_FEES, submitted.fee(), EntryReason.PLATFORM_FEE,
                        submitted.jobId(), submitted.id(), now));
        assertEquals(LedgerStore.Outcome.COMMITTED, ledgerStore.commit(new LedgerStore.Commit(
                List.of(new LedgerStore.TaskChange(submitted, approved)), entries, Optional.empty())));
        return approved;
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
