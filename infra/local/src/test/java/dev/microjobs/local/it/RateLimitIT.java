package dev.microjobs.local.it;

import dev.microjobs.aws.dynamodb.DynamoAccountStore;
import dev.microjobs.aws.dynamodb.DynamoRateLimitStore;
import dev.microjobs.aws.dynamodb.TableConfiguration;
import dev.microjobs.core.accounts.AccountAdmin;
import dev.microjobs.core.accounts.BusinessAccount;
import dev.microjobs.core.accounts.CredentialKind;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.errors.RateLimitedException;
import dev.microjobs.core.ports.RateLimitStore.Replacement;
import dev.microjobs.core.ratelimits.RateLimiter;
import dev.microjobs.core.ratelimits.TokenBucket;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Rate limits on the stack with low limits: a business or worker past its burst gets 429 with
 * Retry-After and a problem, and nothing of the refused request happens; other tenants go on;
 * after Retry-After the key works again; concurrent requests never take more tokens than the
 * bucket holds; a write that expected another bucket tells what is stored.
 */
class RateLimitIT extends StackTest {
    private static final int BUSINESS_BURST = 3;
    private static final int WORKER_BURST = 2;
    /** Requests sent at most while waiting for the first 429: the bursts plus what refills at 1/s meanwhile. */
    private static final int MAX_REQUESTS_TO_EXHAUST = 30;

    static Map<String, String> stackParameters() {
        return Map.of(
                "BusinessRateLimitPerSecond", "1", "BusinessRateLimitBurst", Integer.toString(BUSINESS_BURST),
                "WorkerRateLimitPerSecond", "1", "WorkerRateLimitBurst", Integer.toString(WORKER_BURST));
    }

    @Test
    void aBurstBeyondTheLimitIs429WithRetryAfterAndAProblem() {
        String key = newBusiness(0);

        Exhausted exhausted = exhaust("/v1/account", key);

        assertTrue(exhausted.admitted() >= BUSINESS_BURST, "the whole burst is admitted first: " + exhausted.admitted());
        Response refused = exhausted.refusal();
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("1", refused.headers().get("retry-after"), "at 1 request a second a token is back within 1 s");
        assertEquals("urn:microjobs:problem:too-many-requests", refused.json().get("type").asText());
        assertEquals(429, refused.json().get("status").asInt());
        assertEquals("The rate limit of this business is 1 request a second, in bursts of up to 3; retry after 1 s.",
                refused.json().get("detail").asText());
    }

    @Test
    void otherTenantsAreUnaffected() {
        String busy = newBusiness(0);
        String other = newBusiness(0);
        AccountAdmin.NewWorker worker = newWorker();
        exhaust("/v1/account", busy);

        assertEquals(200, get("/v1/account", other).status());
        assertEquals(200, get("/v1/worker/me", worker.token()).status());
    }

    @Test
    void afterRetryAfterTheKeyWorksAgain() throws InterruptedException {
        String key = newBusiness(0);
        Response refused = exhaust("/v1/jobs", key).refusal();

        Thread.sleep(TimeUnit.SECONDS.toMillis(Long.parseLong(refused.headers().get("retry-after"))));

        assertEquals(200, get("/v1/jobs", key).status());
    }

    /**
     * Submits jobs until one is refused (when the next token comes back is not up to the test,
     * so it does not guess): the jobs and the escrow are exactly those of the admitted submissions.
     */
    @Test
    void aRefusedJobSubmissionCreatesNothingAndHoldsNoEscrow() throws InterruptedException {
        AccountAdmin.NewBusiness business = admin.createBusiness("IT business", 10_000, "USD");
        Map<String, Object> job = Map.of(
                "type", "chatbot-qa", "title", "Support answers", "instructions", "Answer briefly.",
                "reward", Map.of("amount", 100, "currency", "USD"), "draft", Map.of("provider", "none"),
                "inputs", List.of(Map.of("question", "Where is my order?", "text", "Orders ship in two days.")));
        long holdPerJob = 120; // reward 100 + the default 20 % fee
        Exhausted submissions = untilRefused(201,
                sent -> send("POST", "/v1/jobs", business.apiKey(), job, Map.of("idempotency-key", "submission-" + sent)));
        int created = submissions.admitted();
        Response refused = submissions.refusal();

        BusinessAccount account = accounts().findAccount(business.businessId()).orElseThrow();
        assertEquals(created * holdPerJob, account.escrow().amount());
        assertEquals(10_000 - created * holdPerJob, account.available().amount());
        assertEquals(created, jobStore.listJobs(business.businessId(), Optional.empty(), 100).items().size());
        // Not even its idempotency key was taken: once admitted, the same key creates a new job.
        Thread.sleep(TimeUnit.SECONDS.toMillis(Long.parseLong(refused.headers().get("retry-after"))));
        Response retried = send("POST", "/v1/jobs", business.apiKey(), job, Map.of("idempotency-key", "submission-" + created));
        assertEquals(201, retried.status(), retried.body());
        assertEquals(created + 1, jobStore.listJobs(business.businessId(), Optional.empty(), 100).items().size());
    }

    /** Claims until one is refused: exactly the admitted claims hold a task, the others are still READY. */
    @Test
    void aWorkerPastItsLimitIs429AndClaimsNothing() {
        // The best paid tasks of the stack, so the claims take these and not another test's.
        List<String> taskIds = readyTasks(newBusiness(100_000), 20, 1_000);
        AccountAdmin.NewWorker worker = newWorker();
        Exhausted claims = untilRefused(201, sent -> post("/v1/worker/claims", worker.token(), null));
        Response refused = claims.refusal();

        assertEquals("1", refused.headers().get("retry-after"));
        assertEquals("urn:microjobs:problem:too-many-requests", refused.json().get("type").asText());
        assertTrue(refused.json().get("detail").asText().startsWith("The rate limit of this worker is 1 request a second"));
        long held = taskIds.stream().filter(id -> jobStore.findTask(id).orElseThrow().state() == TaskState.CLAIMED).count();
        assertEquals(claims.admitted(), held);
    }

    @Test
    void theBucketItemIsKeyedByTheBusinessIdAndExpires() {
        AccountAdmin.NewBusiness business = admin.createBusiness("IT business", 0, "USD");
        Instant before = Instant.now();
        assertEquals(200, get("/v1/account", business.apiKey()).status());

        Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(stack.tableName("MicrojobsTable"))
                .key(Map.of("pk", AttributeValue.fromS("RATE_LIMIT#" + business.businessId()),
                        "sk", AttributeValue.fromS("RATE_LIMIT")))).item();

        Instant fullAt = Instant.parse(item.get("fullAt").s());
        assertTrue(!fullAt.isBefore(before.plusSeconds(1)) && fullAt.isBefore(Instant.now().plusSeconds(2)), fullAt::toString);
        long ttl = Long.parseLong(item.get("ttl").n());
        assertTrue(ttl >= fullAt.getEpochSecond() && ttl <= fullAt.getEpochSecond() + 1, "ttl " + ttl + " at " + fullAt);
        assertFalse(item.toString().contains(business.apiKey()), "never the secret");
    }

    /** The DynamoDB adapter under a real race: of 16 requests at the same instant, exactly the burst gets through. */
    @Test
    void concurrentRequestsTakeNoMoreTokensThanTheBucketHolds() throws Exception {
        // A clock that stands still: no token comes back during the race, so the count is exact.
        Clock stopped = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        RateLimiter limiter = new RateLimiter(new DynamoRateLimitStore(dynamo, table()), CredentialKind.BUSINESS,
                new TokenBucket(1, 5), stopped);
        int requests = 16;
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> admitted = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                admitted.add(threads.submit(() -> {
                    start.await();
                    try {
                        limiter.admit("biz_race");
                        return true;
                    } catch (RateLimitedException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int granted = 0;
            for (Future<Boolean> outcome : admitted) {
                granted += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(5, granted);
        } finally {
            threads.shutdownNow();
        }
    }

    /** A limiter that guessed the bucket wrong learns it from the failed write, without a read. */
    @Test
    void aFailedWriteTellsWhatIsStored() {
        DynamoRateLimitStore store = new DynamoRateLimitStore(dynamo, table());
        Instant first = Instant.now().plusMillis(1_500);
        Instant second = first.plusNanos(333_333_334);

        assertEquals(Replacement.storedInstead(Optional.empty()), store.replace("biz_guess", Optional.of(first), second));
        assertEquals(Replacement.replaced(first), store.replace("biz_guess", Optional.empty(), first));
        assertEquals(Replacement.storedInstead(Optional.of(first)), store.replace("biz_guess", Optional.empty(), second));
        assertEquals(Replacement.storedInstead(Optional.of(first)), store.replace("biz_guess", Optional.of(second), second));
        assertEquals(Replacement.replaced(second), store.replace("biz_guess", Optional.of(first), second));
    }

    /** "Full" compares milliseconds: a bucket not yet full is never replaced, one full by then is, whatever its instant. */
    @Test
    void aWriteOnConditionOfAFullBucketPassesOnlyAFullBucket() {
        DynamoRateLimitStore store = new DynamoRateLimitStore(dynamo, table());
        Instant now = Instant.now();
        Instant first = now.plusNanos(500_000_001);

        assertEquals(Replacement.replaced(first), store.replaceIfFull("biz_full", now, first), "none stored is full");
        assertEquals(Replacement.storedInstead(Optional.of(first)),
                store.replaceIfFull("biz_full", first.minusNanos(1), first.plusMillis(500)), "a nanosecond short of full");
        Instant later = first.plusMillis(1);
        assertEquals(Replacement.replaced(later.plusMillis(500)), store.replaceIfFull("biz_full", later, later.plusMillis(500)));
        assertEquals(Replacement.replaced(later.plusMillis(1_000)),
                store.replace("biz_full", Optional.of(later.plusMillis(500)), later.plusMillis(1_000)), "and an exact write still works");
    }

    /** A bucket stored before {@code fullAtMs} existed fails the "full" condition, and the exact write then replaces it. */
    @Test
    void aBucketWithoutItsMillisecondsIsReplacedByTheExactWrite() {
        Instant stored = Instant.now().minusSeconds(5);
        dynamo.putItem(put -> put.tableName(stack.tableName("MicrojobsTable")).item(Map.of(
                "pk", AttributeValue.fromS("RATE_LIMIT#biz_older"), "sk", AttributeValue.fromS("RATE_LIMIT"),
                "fullAt", AttributeValue.fromS(stored.toString()))));
        DynamoRateLimitStore store = new DynamoRateLimitStore(dynamo, table());
        Instant now = Instant.now();

        assertEquals(Replacement.storedInstead(Optional.of(stored)), store.replaceIfFull("biz_older", now, now.plusMillis(500)));
        assertEquals(Replacement.replaced(now.plusMillis(500)), store.replace("biz_older", Optional.of(stored), now.plusMillis(500)));
        assertEquals(Replacement.replaced(now.plusMillis(1_500)),
                store.replaceIfFull("biz_older", now.plusSeconds(1), now.plusMillis(1_500)), "written with its milliseconds now");

        RateLimiter limiter = new RateLimiter(store, CredentialKind.BUSINESS, new TokenBucket(1, 5), Clock.systemUTC());
        dynamo.putItem(put -> put.tableName(stack.tableName("MicrojobsTable")).item(Map.of(
                "pk", AttributeValue.fromS("RATE_LIMIT#biz_oldest"), "sk", AttributeValue.fromS("RATE_LIMIT"),
                "fullAt", AttributeValue.fromS(stored.toString()))));
        limiter.admit("biz_oldest");
    }

    private record Exhausted(int admitted, Response refusal) {
    }

    /** Sends GETs with {@code key} until one is refused. */
    private static Exhausted exhaust(String path, String key) {
        return untilRefused(200, sent -> get(path, key));
    }

    /**
     * Sends requests ({@code request} gets how many went before) until one is refused; each
     * before must have answered {@code admittedStatus}. How many were admitted, and the refusal.
     */
    private static Exhausted untilRefused(int admittedStatus, IntFunction<Response> request) {
        for (int sent = 0; sent < MAX_REQUESTS_TO_EXHAUST; sent++) {
            Response response = request.apply(sent);
            if (response.status() == 429) {
                return new Exhausted(sent, response);
            }
            assertEquals(admittedStatus, response.status(), response.body());
        }
        return fail("no 429 after " + MAX_REQUESTS_TO_EXHAUST + " requests");
    }

    private static DynamoAccountStore accounts() {
        return new DynamoAccountStore(dynamo, table());
    }

    private static TableConfiguration table() {
        TableConfiguration table = new TableConfiguration();
        table.setName(stack.tableName("MicrojobsTable"));
        return table;
    }
}
