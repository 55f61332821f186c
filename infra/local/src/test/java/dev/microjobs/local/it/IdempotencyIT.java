package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.Hashes;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code Idempotency-Key} on {@code POST /v1/jobs}: one job per key, the first answer replayed. */
class IdempotencyIT extends BusinessApiTest {

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheFirstResponse() {
        String key = newBusiness(10_000);
        String idempotencyKey = UUID.randomUUID().toString();
        ObjectNode body = taglineJob(3, 100);

        Response first = send("POST", "/v1/jobs", key, body, idempotencyKey(idempotencyKey));
        Response retry = send("POST", "/v1/jobs", key, body, idempotencyKey(idempotencyKey));

        assertEquals(201, first.status(), first.body());
        assertEquals(201, retry.status(), retry.body());
        assertEquals(first.body(), retry.body());
        assertEquals(List.of(first.json().get("id").asText()), jobIds(key));
        assertEquals(10_000 - 360, balance(key), "held once");
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String key = newBusiness(10_000);
        String idempotencyKey = UUID.randomUUID().toString();
        JsonNode first = send("POST", "/v1/jobs", key, taglineJob(1, 100), idempotencyKey(idempotencyKey)).json();

        Response other = send("POST", "/v1/jobs", key, taglineJob(2, 100), idempotencyKey(idempotencyKey));

        JsonNode problem = assertProblem(other, 422);
        assertEquals("urn:microjobs:problem:idempotency-key-reused", problem.get("type").asText());
        assertEquals(List.of(first.get("id").asText()), jobIds(key));
        assertEquals(10_000 - 120, balance(key));
    }

    @Test
    void keysBelongToOneBusiness() {
        String idempotencyKey = UUID.randomUUID().toString();
        String one = newBusiness(1_000);
        String two = newBusiness(1_000);
        Response first = send("POST", "/v1/jobs", one, taglineJob(1, 100), idempotencyKey(idempotencyKey));
        Response second = send("POST", "/v1/jobs", two, taglineJob(1, 100), idempotencyKey(idempotencyKey));

        assertEquals(201, first.status(), first.body());
        assertEquals(201, second.status(), second.body());
        assertNotEquals(first.json().get("id"), second.json().get("id"));
        assertEquals(1, jobIds(two).size());
    }

    @Test
    void aRefusedRequestLeavesTheKeyFree() {
        String key = newBusiness(1_000);
        String idempotencyKey = UUID.randomUUID().toString();
        ObjectNode invalid = taglineJob(1, 100);
        invalid.remove("title");
        assertFieldError(send("POST", "/v1/jobs", key, invalid, idempotencyKey(idempotencyKey)), "title");

        ObjectNode tooExpensive = taglineJob(10, 100);   // 1,200 > 1,000
        assertProblem(send("POST", "/v1/jobs", key, tooExpensive, idempotencyKey(idempotencyKey)), 402);
        assertEquals(List.of(), jobIds(key));

        // After a deposit the very same request goes through: the 402 was not remembered either.
        admin.credit(account(key).get("businessId").asText(), 500);
        Response created = send("POST", "/v1/jobs", key, tooExpensive, idempotencyKey(idempotencyKey));
        assertEquals(201, created.status(), created.body());
        assertEquals(300, balance(key));
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneJob() throws Exception {
        String key = newBusiness(100_000);
        String idempotencyKey = UUID.randomUUID().toString();
        ObjectNode body = taglineJob(20, 100);
        int threads = 6;

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return send("POST", "/v1/jobs", key, body, idempotencyKey(idempotencyKey));
            }));
        }
        start.countDown();
        Set<String> createdIds = new HashSet<>();
        for (Future<Response> future : futures) {
            Response response = future.get();
            if (response.status() == 201) {
                createdIds.add(response.json().get("id").asText());
            } else {
                // Still in progress elsewhere: the client is told to retry.
                assertProblem(response, 409);
            }
        }
        pool.shutdown();

        assertEquals(1, createdIds.size(), "every success names the same job");
        assertEquals(List.copyOf(createdIds), jobIds(key));
        assertEquals(100_000 - hold(20, 100), balance(key));
        Response retry = send("POST", "/v1/jobs", key, body, idempotencyKey(idempotencyKey));
        assertEquals(201, retry.status(), retry.body());
        assertEquals(createdIds.iterator().next(), retry.json().get("id").asText());
    }

    /**
     * A request that fails after taking the key's lock (here: the drafts queue is gone) gives the
     * lock up, so the client's retry resumes the job at once rather than getting 409 for a minute.
     * Found by the chaos run, where a DynamoDB or SQS hiccup held job submissions up for minutes.
     */
    @Test
    void aRetryAfterAFailedRequestResumesAtOnce() {
        String key = newBusiness(10_000);
        String idempotencyKey = UUID.randomUUID().toString();
        ObjectNode body = taglineJob(2, 100);
        body.putObject("draft").put("provider", "offline");
        String draftsQueue = stack.queueUrl("DraftsQueue");
        Map<QueueAttributeName, String> attributes = new HashMap<>(sqs.getQueueAttributes(request -> request
                .queueUrl(draftsQueue).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT,
                        QueueAttributeName.MESSAGE_RETENTION_PERIOD, QueueAttributeName.REDRIVE_POLICY)).attributes());
        sqs.deleteQueue(request -> request.queueUrl(draftsQueue));
        Response failed;
        try {
            failed = send("POST", "/v1/jobs", key, body, idempotencyKey(idempotencyKey));
        } finally {
            sqs.createQueue(request -> request.queueName(draftsQueue.substring(draftsQueue.lastIndexOf('/') + 1))
                    .attributes(attributes));
        }
        assertEquals(500, failed.status(), failed.body());

        Response retry = send("POST", "/v1/jobs", key, body, idempotencyKey(idempotencyKey));

        assertEquals(201, retry.status(), retry.body());
        assertEquals(List.of(retry.json().get("id").asText()), jobIds(key));
        assertEquals(10_000 - hold(2, 100), balance(key), "held once");
    }

    /**
     * What a resumed creation writes: the tasks the crashed attempt never wrote, and nothing over
     * a task it did write, which may have moved on since.
     */
    @Test
    void aResumeWritesOnlyTheMissingTasks() {
        String key = newBusiness(10_000);
        JsonNode created = submit(key, taglineJob(4, 100));
        List<String> taskIds = new ArrayList<>();
        created.get("taskIds").forEach(id -> taskIds.add(id.asText()));
        List<Task> asCreated = taskStore.findAll(taskIds);
        for (String lost : taskIds.subList(0, 2)) {
            dynamo.deleteItem(d -> d.tableName(stack.tableName("MicrojobsTable"))
                    .key(Map.of("pk", AttributeValue.fromS("TASK#" + lost), "sk", AttributeValue.fromS("TASK"))));
        }
        Task movedOn = storedTask(taskIds.get(2));
        assertTrue(taskStore.transition(movedOn, movedOn.transition(TaskState.CANCELLED, Instant.now())));

        jobStore.addMissingTasks(jobStore.findJob(created.get("id").asText()).orElseThrow(), asCreated);

        assertEquals(TaskState.READY, storedTask(taskIds.get(0)).state());
        assertEquals(TaskState.READY, storedTask(taskIds.get(1)).state());
        assertEquals(TaskState.CANCELLED, storedTask(taskIds.get(2)).state(), "written by the first attempt and moved on: kept");
        assertEquals(TaskState.READY, storedTask(taskIds.get(3)).state());
        assertEquals(4, taskStore.findAll(taskIds).size());
    }

    @Test
    void keysAreKeptForAtLeastADay() {
        String key = newBusiness(1_000);
        String idempotencyKey = UUID.randomUUID().toString();
        send("POST", "/v1/jobs", key, taglineJob(1, 100), idempotencyKey(idempotencyKey));
        String businessId = account(key).get("businessId").asText();

        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(stack.tableName("MicrojobsTable"))
                .key(Map.of("pk", AttributeValue.fromS("IDEMPOTENCY#" + businessId + "#"
                                + Hashes.sha256Hex(idempotencyKey.getBytes(StandardCharsets.UTF_8))),
                        "sk", AttributeValue.fromS("IDEMPOTENCY")))).item();

        long expires = Long.parseLong(item.get("ttl").n());
        assertTrue(expires >= Instant.now().plus(Duration.ofHours(24)).getEpochSecond(), item.toString());
    }
}
