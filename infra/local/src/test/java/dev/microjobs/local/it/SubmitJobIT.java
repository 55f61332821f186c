package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /v1/jobs}: every job type, the escrow hold, the balance race, and the way to READY. */
class SubmitJobIT extends BusinessApiTest {

    static Stream<Arguments> oneInputOfEveryType() {
        return Stream.of(
                Arguments.of("tagline", Map.of("brief", "Cold brew in cans for cyclists", "brand", "Torra", "count", 3)),
                Arguments.of("summary", Map.of("text", "Quarterly report: revenue up 12%.", "format", "video-script",
                        "maxWords", 300)),
                Arguments.of("image-tagging", Map.of("imageUrl", "https://93.184.216.34/cat.png", "labels", List.of("cat", "dog"))),
                // The local stack accepts loopback URLs so a developer can serve files from their own machine.
                Arguments.of("image-tagging", Map.of("imageUrl", "http://127.0.0.1:9/cat.png")),
                Arguments.of("transcription", Map.of("audioUrl", "https://93.184.216.34/clip.mp3", "language", "pt-BR")),
                Arguments.of("chatbot-qa", Map.of("question", "How do I reset my password?",
                        "text", "Settings > Security > Reset password.")),
                Arguments.of("data-entry", Map.of("text", "Invoice 42, total 99.50 EUR", "fields", List.of("invoice_number", "total"))),
                Arguments.of("data-entry", Map.of("documentUrl", "https://93.184.216.34/invoice.pdf")),
                Arguments.of("custom", Map.of("anything", Map.of("nested", List.of(1, 2, 3)))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("oneInputOfEveryType")
    void everyJobTypeIsAccepted(String type, Map<String, Object> input) {
        String key = newBusiness(10_000);
        ObjectNode job = taglineJob(1, 25);
        job.put("type", type).putArray("inputs").add(JSON.valueToTree(input));
        job.put("callbackUrl", "https://93.184.216.34/hooks/microjobs");

        JsonNode created = submit(key, job);

        assertTrue(created.get("id").asText().startsWith("job_"), created.toString());
        assertEquals(type, created.get("type").asText());
        assertEquals(1, created.get("taskIds").size());
        assertEquals(Map.of("amount", 30, "currency", "USD"),
                JSON.convertValue(created.get("held"), Map.class), "25 + 20% fee");
        JsonNode task = get("/v1/tasks/" + created.get("taskIds").get(0).asText(), key).json();
        assertEquals("READY", task.get("state").asText(), "provider none: ready at once, " + task);
        assertEquals("none", task.get("draft").get("provider").asText());
        assertEquals(10_000 - 30, balance(key));
        assertEquals(30, held(key));
    }

    @Test
    void aThousandTasksInOneJob() {
        String key = newBusiness(1_000_000);
        JsonNode created = submit(key, taglineJob(1000, 7));

        assertEquals(1000, created.get("taskIds").size());
        Set<String> distinct = new HashSet<>();
        created.get("taskIds").forEach(id -> distinct.add(id.asText()));
        assertEquals(1000, distinct.size());
        assertEquals(hold(1000, 7), created.get("held").get("amount").asLong(), "7 + 1 (20% of 7, rounded) per task");
        JsonNode job = get("/v1/jobs/" + created.get("id").asText(), key).json();
        assertEquals(1000, job.get("tasks").get("READY").asInt(), job.toString());
        assertEquals(hold(1000, 7), job.get("money").get("held").get("amount").asLong());
        assertEquals(1_000_000 - hold(1000, 7), balance(key));
    }

    @Test
    void assignmentsMultiplyTheTasksOfEachInput() {
        String key = newBusiness(10_000);
        ObjectNode body = taglineJob(2, 100);
        body.put("assignments", 3);
        JsonNode created = submit(key, body);

        assertEquals(6, created.get("taskIds").size());
        assertEquals(6 * 120, created.get("held").get("amount").asLong());
        List<Integer> inputIndexes = new ArrayList<>();
        created.get("taskIds").forEach(id -> inputIndexes.add(get("/v1/tasks/" + id.asText(), key).json().get("inputIndex").asInt()));
        assertEquals(List.of(0, 0, 0, 1, 1, 1), inputIndexes);
    }

    @Test
    void everyTaskIsDraftedThroughTheDraftsQueue() {
        String key = newBusiness(10_000);
        ObjectNode body = taglineJob(23, 10);
        body.putObject("draft").put("provider", "offline");
        JsonNode created = submit(key, body);
        String jobId = created.get("id").asText();

        // 23 draft requests go as three messages of at most ten inputs, in one SendMessageBatch call.
        await("all 23 tasks drafted", Duration.ofSeconds(30),
                () -> get("/v1/jobs/" + jobId, key).json().get("tasks").get("READY").asInt() == 23);
        JsonNode job = get("/v1/jobs/" + jobId, key).json();
        assertEquals(0, job.get("tasks").get("DRAFTING").asInt());
        assertEquals(23, job.get("draft").get("drafts").asInt(), job.toString());
        created.get("taskIds").forEach(id -> {
            JsonNode task = get("/v1/tasks/" + id.asText(), key).json();
            assertEquals("offline", task.get("draft").get("provider").asText(), task.toString());
            assertTrue(task.get("draft").get("content").isArray(), task.toString());
        });
    }

    @Test
    void withoutEnoughBalanceNothingIsWrittenAndNothingHeld() {
        String key = newBusiness(1_000);
        Response refused = post("/v1/jobs", key, taglineJob(34, 25));   // 34 x 30 = 1020 > 1000

        JsonNode problem = assertProblem(refused, 402);
        assertEquals("urn:microjobs:problem:insufficient-balance", problem.get("type").asText());
        assertEquals(1_000, balance(key));
        assertEquals(0, held(key));
        assertEquals(List.of(), jobIds(key));

        // Exactly the balance is enough.
        submit(key, taglineJob(33, 25));
        Response oneMore = post("/v1/jobs", key, taglineJob(1, 9));
        assertProblem(oneMore, 402);
        assertEquals(10, balance(key));
        assertEquals(990, held(key));
    }

    @Test
    void concurrentJobsNeverHoldMoreThanTheBalance() throws Exception {
        long credit = 12_000;
        String key = newBusiness(credit);
        ObjectNode body = taglineJob(16, 250);           // 16 x (250 + 50) = 4,800: 40% of the balance
        long eachHold = hold(16, 250);
        int threads = 8;
        long fits = credit / eachHold;                   // 2

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Response>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Callable<Response> submitOne = () -> {
                start.await();
                return post("/v1/jobs", key, body);
            };
            results.add(pool.submit(submitOne));
        }
        start.countDown();
        int created = 0;
        for (Future<Response> result : results) {
            Response response = result.get();
            if (response.status() == 201) {
                created++;
            } else {
                assertProblem(response, 402);
            }
        }
        pool.shutdown();

        assertEquals(fits, created);
        assertEquals(fits, jobIds(key).size());
        JsonNode account = account(key);
        long balance = account.get("balance").get("amount").asLong();
        long held = account.get("held").get("amount").asLong();
        assertEquals(fits * eachHold, held);
        assertEquals(credit, balance + held, "money is conserved");
    }

    @Test
    void accountShowsBalanceHeldAndSpent() {
        var business = admin.createBusiness("Torra Coffee", 5_000, "USD");
        submit(business.apiKey(), taglineJob(2, 100));

        JsonNode account = account(business.apiKey());
        assertEquals(business.businessId(), account.get("businessId").asText());
        assertEquals("Torra Coffee", account.get("name").asText());
        assertEquals("USD", account.get("currency").asText());
        assertEquals(Map.of("amount", 4_760, "currency", "USD"), JSON.convertValue(account.get("balance"), Map.class));
        assertEquals(Map.of("amount", 240, "currency", "USD"), JSON.convertValue(account.get("held"), Map.class));
        assertEquals(Map.of("amount", 0, "currency", "USD"), JSON.convertValue(account.get("spent"), Map.class));
    }

    @Test
    void theFeeIsRoundedHalfUpPerTask() {
        String key = newBusiness(1_000);
        assertEquals(1, submit(key, taglineJob(1, 1)).get("held").get("amount").asLong(), "20% of 1 cent rounds to 0");
        assertEquals(2 * 4, submit(key, taglineJob(2, 3)).get("held").get("amount").asLong(), "20% of 3 cents rounds to 1");
        assertEquals(1_000 - 9, balance(key));
    }

    @Test
    void rewardsAreInTheAccountsCurrency() {
        String yen = admin.createBusiness("Kissa", 10_000, "JPY").apiKey();
        ObjectNode body = taglineJob(1, 500);
        ((ObjectNode) body.get("reward")).put("currency", "JPY");
        JsonNode created = submit(yen, body);
        assertEquals(Map.of("amount", 600, "currency", "JPY"), JSON.convertValue(created.get("held"), Map.class));
        assertEquals(9_400, balance(yen));
    }
}
