package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.aws.dynamodb.DynamoEventStore;
import dev.microjobs.aws.dynamodb.TableConfiguration;
import dev.microjobs.aws.metrics.EmfMetrics;
import dev.microjobs.aws.sqs.SqsBatchSender;
import dev.microjobs.aws.sqs.SqsEventPublisher;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.events.DeliveryAttempt;
import dev.microjobs.core.events.DeliveryStatus;
import dev.microjobs.core.events.Event;
import dev.microjobs.core.events.EventType;
import dev.microjobs.core.events.StoredEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events and their signed webhooks through the local stack: a real receiver on 127.0.0.1 checks
 * every Standard Webhooks signature with the business's secret; a receiver that fails gets each
 * event again, with the same id, until it answers 200; a rotated secret keeps verifying during
 * the overlap; an event with nowhere to go shows so in its job's delivery log, beside another
 * business's delivered events, and is not even queued when it has nowhere to go as it is
 * published; the conditional marks that record it otherwise leave delivered and expired events alone; the pull feed pages through the same events; and the logs of a whole
 * lifecycle hold no secret and no worker output. Retries start after 1 s here (30 s deployed).
 */
class WebhooksIT extends StackTest {
    /** Retries a second apart rather than 30 s, so the retry test takes seconds. */
    static Map<String, String> stackParameters() {
        return Map.of("WebhookRetryBaseSeconds", "1");
    }

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private final List<WebhookReceiver> receivers = new ArrayList<>();
    @AfterEach
    void stopReceivers() {
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void everyEventOfALifecycleArrivesSignedWithTheBusinessSecret() throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.answering200());
        String key = newBusiness(10_000);
        assertEquals(200, send("PUT", "/v1/account/webhook", key, Map.of("url", receiver.url()), Map.of()).status());
        String secret = newSecret(key);
        String jobId = job(key, "offline", null);
        String taskId = awaitReady(key, jobId);

        submitAs(newWorker().workerId(), taskId, "Answer " + taskId);
        assertEquals(200, post("/v1/tasks/" + taskId + "/approve", key, null).status());

        await("four events delivered", DELIVERY, () -> receiver.deliveries().size() >= 4);
        List<WebhookReceiver.Delivery> deliveries = receiver.deliveries();
        // The job completes with its approval; the payout (and task.paid) follows on its own queue.
        List<String> inIdOrder = deliveries.stream().sorted(Comparator.comparing(WebhookReceiver.Delivery::webhookId))
                .map(d -> json(d.body()).get("type").asText()).toList();
        assertEquals(List.of("task.drafted", "task.approved"), inIdOrder.subList(0, 2));
        assertEquals(Set.of("task.paid", "job.completed"), Set.copyOf(inIdOrder.subList(2, 4)));
        for (WebhookReceiver.Delivery delivery : deliveries) {
            assertTrue(verifies(secret, delivery), "signature of " + delivery);
            JsonNode body = json(delivery.body());
            assertEquals(delivery.webhookId(), body.get("id").asText());
            assertTrue(delivery.webhookId().startsWith("evt_"));
            assertEquals(jobId, body.get("data").get("jobId").asText());
            assertTrue(Math.abs(Long.parseLong(delivery.timestamp()) - Instant.now().getEpochSecond()) < 60);
        }

        JsonNode events = get("/v1/jobs/" + jobId + "/events", key).json().get("items");
        await("the delivery log to show four deliveries", DELIVERY, () -> statuses(key, jobId).equals(
                List.of("DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED")));
        assertEquals(4, events.size());
        JsonNode attempt = get("/v1/jobs/" + jobId + "/events", key).json().get("items").get(0).get("delivery")
                .get("attempts").get(0);
        assertEquals(200, attempt.get("statusCode").asInt());
        assertTrue(attempt.get("nextRetryAt").isNull());
    }

    @Test
    void aReceiverThatFailsTwiceGetsEachEventOnceMoreWithTheSameId() throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.failingTwiceThen200());
        String key = newBusiness(10_000);
        String secret = newSecret(key);
        // The job's callbackUrl, not the account's URL (there is none).
        String jobId = job(key, "none", receiver.url());
        String taskId = jobStore.taskIds(jobId).get(0);
        submitAs(newWorker().workerId(), taskId, "Answer " + taskId);

        assertEquals(200, post("/v1/tasks/" + taskId + "/approve", key, null).status());

        await("three events answered 200", DELIVERY,
                () -> receiver.deliveries().stream().filter(d -> d.answeredWith() == 200).count() == 3);
        Map<String, List<WebhookReceiver.Delivery>> byId = receiver.deliveries().stream()
                .collect(Collectors.groupingBy(WebhookReceiver.Delivery::webhookId));
        assertEquals(3, byId.size(), byId.keySet().toString());
        byId.forEach((id, attempts) -> {
            assertEquals(List.of(500, 500, 200), attempts.stream().map(WebhookReceiver.Delivery::answeredWith).toList());
            assertEquals(1, attempts.stream().map(WebhookReceiver.Delivery::body).distinct().count());
            attempts.forEach(attempt -> assertTrue(verifies(secret, attempt)));
        });
        Set<String> types = byId.values().stream().map(a -> json(a.get(0).body()).get("type").asText())
                .collect(Collectors.toSet());
        assertEquals(Set.of("task.approved", "task.paid", "job.completed"), types);

        await("the delivery log to catch up", DELIVERY, () -> statuses(key, jobId).stream().allMatch("DELIVERED"::equals));
        for (JsonNode event : get("/v1/jobs/" + jobId + "/events", key).json().get("items")) {
            JsonNode attempts = event.get("delivery").get("attempts");
            assertEquals(3, attempts.size(), event.toString());
            assertEquals(500, attempts.get(0).get("statusCode").asInt());
            assertFalse(attempts.get(0).get("succeeded").asBoolean());
            assertFalse(attempts.get(0).get("nextRetryAt").isNull());
            assertEquals(200, attempts.get(2).get("statusCode").asInt());
            assertTrue(attempts.get(2).get("nextRetryAt").isNull());
        }
        sleepPastRetries();
        assertEquals(9, receiver.deliveries().size(), "no delivery after the 200s");
    }

    @Test
    void eventsOfTwoBusinessesReachTheOneWithAUrlAndShowNoDestinationForTheOther() throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.answering200());
        String withUrl = newBusiness(10_000);
        send("PUT", "/v1/account/webhook", withUrl, Map.of("url", receiver.url()), Map.of());
        newSecret(withUrl);
        String withoutUrl = newBusiness(10_000);
        newSecret(withoutUrl);
        String deliveredJob = job(withUrl, "none", null);
        String undeliverableJob = job(withoutUrl, "none", null);
        String workerId = newWorker().workerId();
        String deliveredTask = jobStore.taskIds(deliveredJob).get(0);
        String undeliverableTask = jobStore.taskIds(undeliverableJob).get(0);
        submitAs(workerId, deliveredTask, "Answer " + deliveredTask);
        submitAs(workerId, undeliverableTask, "Answer " + undeliverableTask);

        // Back to back, so the notifier reads the two businesses' events in the same batches.
        assertEquals(200, post("/v1/tasks/" + deliveredTask + "/approve", withUrl, null).status());
        assertEquals(200, post("/v1/tasks/" + undeliverableTask + "/approve", withoutUrl, null).status());

        await("the approved, paid and completed events of both jobs settled", DELIVERY, () ->
                statuses(withUrl, deliveredJob).equals(List.of("DELIVERED", "DELIVERED", "DELIVERED"))
                        && statuses(withoutUrl, undeliverableJob).equals(
                                List.of("NO_DESTINATION", "NO_DESTINATION", "NO_DESTINATION")));
        assertEquals(Set.of(deliveredJob), receiver.deliveries().stream()
                .map(d -> json(d.body()).get("data").get("jobId").asText()).collect(Collectors.toSet()));
        assertEquals(3, receiver.deliveries().stream().map(WebhookReceiver.Delivery::webhookId).distinct().count());
        for (JsonNode event : get("/v1/jobs/" + undeliverableJob + "/events", withoutUrl).json().get("items")) {
            assertEquals(0, event.get("delivery").get("attempts").size(), event.toString());
        }
    }

    /**
     * The publisher queues only the events a webhook would receive: one with nowhere to go is
     * stored NO_DESTINATION at once. The queue here is one of the test's own, which no notifier
     * reads, so that what was queued can be counted.
     */
    @Test
    void anEventWithNowhereToGoIsStoredSettledAndNotQueued() throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.answering200());
        String withUrl = newBusiness(10_000);
        send("PUT", "/v1/account/webhook", withUrl, Map.of("url", receiver.url()), Map.of());
        String withoutUrl = newBusiness(10_000);
        String deliverableJob = job(withUrl, "none", null);
        String undeliverableJob = job(withoutUrl, "none", null);
        TableConfiguration table = new TableConfiguration();
        table.setName(stack.tableName("MicrojobsTable"));
        DynamoEventStore store = new DynamoEventStore(dynamo, table);
        String probeQueue = sqs.createQueue(q -> q.queueName("events-probe-" + UUID.randomUUID())).queueUrl();
        IdGenerator ids = new IdGenerator(Clock.systemUTC());
        Event deliverable = new Event(ids.next(IdType.EVENT), EventType.TASK_APPROVED, Instant.now(),
                jobStore.findJob(deliverableJob).orElseThrow().businessId(), deliverableJob, jobStore.taskIds(deliverableJob).get(0));
        Event undeliverable = new Event(ids.next(IdType.EVENT), EventType.TASK_APPROVED, Instant.now(),
                jobStore.findJob(undeliverableJob).orElseThrow().businessId(), undeliverableJob,
                jobStore.taskIds(undeliverableJob).get(0));

        new SqsEventPublisher(store, store, new SqsBatchSender(sqs), probeQueue, new EmfMetrics(Clock.systemUTC()))
                .publish(List.of(deliverable, undeliverable));

        Map<String, DeliveryStatus> statuses = store.findAll(List.of(deliverable.id(), undeliverable.id())).stream()
                .collect(Collectors.toMap(stored -> stored.event().id(), StoredEvent::status));
        assertEquals(Map.of(deliverable.id(), DeliveryStatus.PENDING, undeliverable.id(), DeliveryStatus.NO_DESTINATION), statuses);
        List<String> queued = sqs.receiveMessage(r -> r.queueUrl(probeQueue).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages().stream().map(message -> json(message.body()).get("eventId").asText()).toList();
        assertEquals(List.of(deliverable.id()), queued);
    }

    /**
     * What the notifier's NO_DESTINATION marks rely on, on DynamoDB Local: conditional PartiQL
     * UPDATEs in batches of 25 mark only stored PENDING events, and a failed condition (delivered
     * meanwhile, expired) is no failure and creates no item.
     */
    @Test
    void theMarksOfABatchSetOnlyStoredPendingEventsAndCreateNoItem() {
        TableConfiguration table = new TableConfiguration();
        table.setName(stack.tableName("MicrojobsTable"));
        DynamoEventStore store = new DynamoEventStore(dynamo, table);
        IdGenerator ids = new IdGenerator(Clock.systemUTC());
        String businessId = ids.next(IdType.BUSINESS);
        String jobId = ids.next(IdType.JOB);
        List<Event> pending = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            pending.add(new Event(ids.next(IdType.EVENT), EventType.TASK_APPROVED, Instant.now(), businessId, jobId,
                    ids.next(IdType.TASK)));
        }
        Event delivered = new Event(ids.next(IdType.EVENT), EventType.JOB_COMPLETED, Instant.now(), businessId, jobId, null);
        String expired = ids.next(IdType.EVENT);
        List<Event> saved = new ArrayList<>(pending);
        saved.add(delivered);
        store.save(saved, Set.of());
        store.recordAttempt(delivered.id(), new DeliveryAttempt(1, Instant.now(), 200, null, null), DeliveryStatus.DELIVERED);
        List<String> marked = new ArrayList<>(pending.stream().map(Event::id).toList());
        marked.addAll(List.of(delivered.id(), expired, pending.get(0).id()));

        assertEquals(Map.of(), store.markIfPending(marked, DeliveryStatus.NO_DESTINATION));

        Map<String, DeliveryStatus> statuses = store.findAll(marked).stream()
                .collect(Collectors.toMap(stored -> stored.event().id(), StoredEvent::status));
        assertEquals(pending.size() + 1, statuses.size(), "no item for the expired event: " + statuses.keySet());
        pending.forEach(event -> assertEquals(DeliveryStatus.NO_DESTINATION, statuses.get(event.id())));
        assertEquals(DeliveryStatus.DELIVERED, statuses.get(delivered.id()));
    }

    @Test
    void aRotatedSecretKeepsVerifyingBesideTheNewOne() throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.answering200());
        String key = newBusiness(10_000);
        send("PUT", "/v1/account/webhook", key, Map.of("url", receiver.url()), Map.of());
        String oldSecret = newSecret(key);
        Response rotation = post("/v1/account/webhook-secret", key, null);
        assertEquals(201, rotation.status(), rotation.body());
        String newSecret = rotation.json().get("secret").asText();
        Instant overlapEnds = Instant.parse(rotation.json().get("previousSecretValidUntil").asText());
        assertTrue(overlapEnds.isAfter(Instant.now().plus(Duration.ofHours(23))));
        String jobId = job(key, "none", null);
        String taskId = jobStore.taskIds(jobId).get(0);
        submitAs(newWorker().workerId(), taskId, "Answer " + taskId);

        assertEquals(200, post("/v1/tasks/" + taskId + "/approve", key, null).status());

        await("the approval delivered", DELIVERY, () -> !receiver.deliveries().isEmpty());
        WebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
        assertEquals(2, delivery.signature().split(" ").length, delivery.signature());
        assertTrue(verifies(newSecret, delivery));
        assertTrue(verifies(oldSecret, delivery));
        assertFalse(verifies(newSecretOf(key), delivery), "a third secret does not verify");
    }

    @Test
    void theFeedPagesThroughTheBusinessEventsInOrder() throws Exception {
        String key = newBusiness(10_000);
        String jobId = job(key, "offline", null);
        awaitReady(key, jobId);
        List<String> taskIds = jobStore.taskIds(jobId);
        String workerId = newWorker().workerId();
        for (String taskId : taskIds) {
            submitAs(workerId, taskId, "Answer " + taskId);
        }
        assertEquals(200, post("/v1/jobs/" + jobId + "/approve", key, null).status());
        List<String> expected = new ArrayList<>();
        await("the drafted, approved, paid and completed events in the feed", DELIVERY, () -> {
            expected.clear();
            get("/v1/events?limit=100", key).json().get("items").forEach(e -> expected.add(e.get("id").asText()));
            return expected.size() == 3 * taskIds.size() + 1;
        });

        List<String> paged = new ArrayList<>();
        JsonNode page = get("/v1/events?limit=2", key).json();
        while (page.get("items").size() > 0) {
            page.get("items").forEach(e -> paged.add(e.get("id").asText()));
            page = get("/v1/events?limit=2&after=" + page.get("nextCursor").asText(), key).json();
        }

        assertEquals(expected, paged);
        assertEquals(expected.stream().sorted().toList(), expected, "oldest first");
        assertEquals(paged.get(paged.size() - 1), page.get("nextCursor").asText(), "an empty page keeps the cursor");
        assertEquals(0, get("/v1/events", newBusiness(0)).json().get("items").size(), "another business sees none");
        assertEquals(400, get("/v1/events?after=job_1", key).status());
    }

    @Test
    void theLogsOfAWholeLifecycleHoldNoSecretAndNoWorkerOutput() throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.answering200());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        String key;
        String secret;
        AccountAdminWorker worker;
        String output = "WORKER-OUTPUT-" + UUID.randomUUID();
        String taskId;
        System.setOut(new PrintStream(new Tee(out, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, captured), true, StandardCharsets.UTF_8));
        try {
            key = newBusiness(10_000);
            send("PUT", "/v1/account/webhook", key, Map.of("url", receiver.url()), Map.of());
            secret = newSecret(key);
            var newWorker = newWorker();
            worker = new AccountAdminWorker(newWorker.workerId(), newWorker.token());
            String jobId = job(key, "offline", null);
            taskId = awaitReady(key, jobId);
            submitAs(worker.id(), taskId, output);
            assertEquals(200, post("/v1/tasks/" + taskId + "/approve", key, null).status());
            await("job.completed delivered", DELIVERY, () -> receiver.deliveries().stream()
                    .anyMatch(d -> json(d.body()).get("type").asText().equals("job.completed")));
            String paidTask = taskId;
            await("task.paid delivered", DELIVERY, () -> receiver.deliveries().stream()
                    .anyMatch(d -> json(d.body()).get("type").asText().equals("task.paid")
                            && json(d.body()).path("data").path("taskId").asText().equals(paidTask)));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        String logs = captured.toString(StandardCharsets.UTF_8);
        assertFalse(logs.contains(key), "the API key is in the logs");
        assertFalse(logs.contains(key.substring(4)), "the API key's random part is in the logs");
        assertFalse(logs.contains(worker.token()), "the worker token is in the logs");
        assertFalse(logs.contains(secret.substring(6)), "the webhook secret is in the logs");
        assertFalse(logs.contains(output), "the worker's output is in the logs");

        List<JsonNode> lines = logs.lines().filter(line -> line.startsWith("{")).map(WebhooksIT::json).toList();
        assertTrue(lines.stream().anyMatch(line -> line.path("function").asText().equals("IntakeFunction")
                && line.hasNonNull("requestId") && line.hasNonNull("message")), "an intake log line with its request id");
        assertTrue(lines.stream().anyMatch(line -> line.path("function").asText().equals("NotifierFunction")
                && taskId.equals(line.path("taskId").asText(null))), "a notifier line naming the task");
        Set<String> metrics = new HashSet<>();
        lines.stream().filter(line -> line.has("_aws")).forEach(line ->
                line.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics")
                        .forEach(metric -> metrics.add(metric.get("Name").asText())));
        assertTrue(metrics.containsAll(Set.of("TasksCreated", "TasksDrafted", "DraftLatency", "TasksApproved",
                "TasksPaid", "WebhookDeliveries")), metrics.toString());
    }

    private record AccountAdminWorker(String id, String token) {
    }

    private WebhookReceiver receiver(WebhookReceiver receiver) {
        receivers.add(receiver);
        return receiver;
    }

    private static String newSecret(String key) {
        Response created = post("/v1/account/webhook-secret", key, null);
        assertEquals(201, created.status(), created.body());
        assertEquals("no-store", created.headers().get("cache-control"));
        String secret = created.json().get("secret").asText();
        assertTrue(secret.startsWith("whsec_"), secret);
        return secret;
    }

    /** A secret made just now for the business: neither the old nor the new one a delivery was signed with. */
    private static String newSecretOf(String key) {
        return "whsec_" + Base64.getEncoder().encodeToString(("not " + key).getBytes(StandardCharsets.UTF_8));
    }

    /** A one-input job; {@code callbackUrl} may be null. Its tasks' ids come back in input order. */
    private static String job(String key, String provider, String callbackUrl) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "type", "chatbot-qa", "title", "Support answers", "instructions", "Answer briefly.",
                "reward", Map.of("amount", 100, "currency", "USD"),
                "draft", Map.of("provider", provider),
                "inputs", List.of(Map.of("question", "Where is my order?", "text", "Orders ship in two days."))));
        if (callbackUrl != null) {
            body.put("callbackUrl", callbackUrl);
        }
        Response created = post("/v1/jobs", key, body);
        assertEquals(201, created.status(), created.body());
        return created.json().get("id").asText();
    }

    private static String awaitReady(String key, String jobId) {
        String taskId = jobStore.taskIds(jobId).get(0);
        await("the task drafted", DELIVERY,
                () -> get("/v1/tasks/" + taskId, key).json().get("state").asText().equals("READY"));
        return taskId;
    }
    private static List<String> statuses(String key, String jobId) {
        List<String> statuses = new ArrayList<>();
        get("/v1/jobs/" + jobId + "/events", key).json().get("items")
                .forEach(event -> statuses.add(event.get("delivery").get("status").asText()));
        return statuses;
    }

    /** What a receiver does with its secret: HMAC-SHA256 over id.timestamp.body, compared to each v1 signature. */
    private static boolean verifies(String secret, WebhookReceiver.Delivery delivery) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String signed = delivery.webhookId() + "." + delivery.timestamp() + "." + delivery.body();
            String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
            return Arrays.asList(delivery.signature().split(" ")).contains(expected);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void sleepPastRetries() throws InterruptedException {
        Thread.sleep(3_000);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Writes to the console and to the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final ByteArrayOutputStream capture;

        Tee(OutputStream console, ByteArrayOutputStream capture) {
            this.console = console;
            this.capture = capture;
        }

        @Override
        public void write(int b) {
            synchronized (capture) {
                capture.write(b);
            }
            try {
                console.write(b);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (capture) {
                capture.write(bytes, offset, length);
            }
            try {
                console.write(bytes, offset, length);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
