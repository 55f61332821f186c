package dev.microjobs.bench.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.aws.dynamodb.DynamoAccountStore;
import dev.microjobs.aws.dynamodb.TableConfiguration;
import dev.microjobs.bench.BenchOptions;
import dev.microjobs.bench.Benchmark;
import dev.microjobs.bench.Report;
import dev.microjobs.bench.e2e.BenchStackOptions;
import dev.microjobs.bench.e2e.Percentiles;
import dev.microjobs.core.accounts.AccountAdmin;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.local.LocalStack;
import dev.microjobs.local.aws.AwsClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code intake}: how fast {@code POST /v1/jobs} accepts tasks. Closed-loop clients (each a
 * platform thread, each its own business so no two share an account item or a rate-limit
 * bucket) post the next job as soon as the previous one is answered, for a fixed time, with 16
 * and 64 clients and jobs of 1 and of 100 tasks (offline drafts, so each accepted task is also
 * queued for drafting, as in production). In the same run, the baseline: the same task items
 * written with raw BatchWriteItem (25 per request) to the same DynamoDB Local by as many threads.
 *
 * <p>The headline is the best of the 100-task configurations (a job of 100 is how bulk work
 * arrives); its ratio is against the baseline at the same concurrency. Both are measured twice
 * (the configuration the first pass found best, and the baseline at its concurrency), the second
 * time in the opposite order, and each keeps its better window: on two shared cores a single
 * window of either moved by a third from run to run.
 *
 * <p>The stack's SQS event sources are disabled for the whole benchmark: accepted tasks wait in
 * the drafts queue instead of being drafted on the same two cores and the same DynamoDB Local
 * while intake is timed. On AWS, drafting runs in other execution environments and DynamoDB
 * does not share its CPU with them; here it would take both away from intake and from the
 * baseline after it, depending on how much backlog each one happens to run beside. Drafting's
 * cost and speed are measured by the end-to-end run.
 */
public final class IntakeBenchmark implements Benchmark {

    static final double TARGET_RATIO = 0.5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Integer> CLIENTS = List.of(16, 64);
    private static final int BULK_JOB_TASKS = 100;

    /** One configuration's outcome. */
    record Measurement(int clients, int tasksPerJob, long jobs, long tasks, long errors, double seconds,
                       Percentiles latency) {
        double tasksPerSecond() {
            return tasks / seconds;
        }
    }

    private final List<Integer> clientCounts;

    /** 16 and 64 clients. */
    public IntakeBenchmark() {
        this(CLIENTS);
    }

    /**
     * Fewer clients, for tests that run beside other load: 64 clients posting 100-task jobs keep
     * two cores so busy that a job beside another stack's run outlasts the function's timeout.
     */
    public IntakeBenchmark(List<Integer> clientCounts) {
        this.clientCounts = List.copyOf(clientCounts);
    }

    @Override
    public void run(BenchOptions options, Report report) throws Exception {
        Duration perConfiguration = options.quick() ? Duration.ofSeconds(5) : Duration.ofSeconds(20);
        Duration warmUp = options.quick() ? Duration.ofSeconds(3) : Duration.ofSeconds(10);
        try (LocalStack stack = LocalStack.start(BenchStackOptions.of(options.projectRoot()));
             DynamoDbClient dynamo = AwsClients.dynamoDb(stack.dynamoDbEndpoint(), Region.US_EAST_1.id())) {
            stack.disableEventSources();
            List<String> keys = businesses(dynamo, stack.tableName("MicrojobsTable"), Collections.max(clientCounts));
            measure(stack, keys.subList(0, Collections.min(clientCounts)), BULK_JOB_TASKS, warmUp);
            List<Measurement> intake = new ArrayList<>();
            for (int tasksPerJob : List.of(1, BULK_JOB_TASKS)) {
                for (int clients : clientCounts) {
                    intake.add(measure(stack, keys.subList(0, clients), tasksPerJob, perConfiguration));
                }
            }
            RawBatchWrites baseline = new RawBatchWrites(dynamo, stack.tableName("MicrojobsTable"));
            Map<Integer, Double> baselineTasksPerSecond = new LinkedHashMap<>();
            for (int clients : clientCounts) {
                baselineTasksPerSecond.put(clients, baseline.tasksPerSecond(clients, perConfiguration));
            }
            // A second window for each side of the headline, baseline first this time: each side keeps its
            // better window, so a stall of the shared cores during one window sets neither figure.
            int clients = headline(intake).clients();
            baselineTasksPerSecond.merge(clients, baseline.tasksPerSecond(clients, perConfiguration), Math::max);
            Measurement again = measure(stack, keys.subList(0, clients), BULK_JOB_TASKS, perConfiguration);
            intake.replaceAll(first -> first.clients() == clients && first.tasksPerJob() == BULK_JOB_TASKS
                    && again.tasksPerSecond() > first.tasksPerSecond() ? again : first);
            write(report, intake, baselineTasksPerSecond, baseline.itemBytes(), draftMessagesWaiting(stack));
        }
    }

    /** What the disabled drafts event source left in its queue: the accepted tasks' draft requests. */
    private static long draftMessagesWaiting(LocalStack stack) {
        try (SqsClient sqs = AwsClients.sqs(stack.sqsEndpoint(), Region.US_EAST_1.id())) {
            String count = sqs.getQueueAttributes(request -> request.queueUrl(stack.queueUrl("DraftsQueue"))
                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            return Long.parseLong(count);
        }
    }

    private static List<String> businesses(DynamoDbClient dynamo, String table, int count) {
        TableConfiguration configuration = new TableConfiguration();
        configuration.setName(table);
        AccountAdmin admin = new AccountAdmin(new DynamoAccountStore(dynamo, configuration), new IdGenerator(Clock.systemUTC()),
                Clock.systemUTC());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(admin.createBusiness("intake client " + i, 1_000_000_000_000L, "USD").apiKey());
        }
        return keys;
    }

    private static Measurement measure(LocalStack stack, List<String> keys, int tasksPerJob, Duration duration)
            throws Exception {
        byte[] body = JSON.writeValueAsBytes(jobBody(tasksPerJob));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService threads = Executors.newFixedThreadPool(keys.size());
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            List<Future<ClientTally>> clients = new ArrayList<>();
            for (String key : keys) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/v1/jobs"))
                        .timeout(Duration.ofSeconds(30))
                        .header("authorization", "Bearer " + key).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                clients.add(threads.submit(() -> postUntil(http, request, end)));
            }
            List<Double> latencies = new ArrayList<>();
            long jobs = 0;
            long errors = 0;
            for (Future<ClientTally> client : clients) {
                ClientTally tally = client.get();
                latencies.addAll(tally.latenciesMs);
                jobs += tally.accepted;
                errors += tally.errors;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Measurement(keys.size(), tasksPerJob, jobs, jobs * tasksPerJob, errors, seconds, Percentiles.of(latencies));
        } finally {
            threads.shutdownNow();
        }
    }

    /** What one closed-loop client saw. */
    private static final class ClientTally {
        final List<Double> latenciesMs = new ArrayList<>();
        long accepted;
        long errors;
    }

    private static ClientTally postUntil(HttpClient http, HttpRequest request, long endNanos) throws InterruptedException {
        ClientTally tally = new ClientTally();
        while (System.nanoTime() < endNanos) {
            long sent = System.nanoTime();
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 201) {
                    tally.accepted++;
                    tally.latenciesMs.add((System.nanoTime() - sent) / 1e6);
                } else {
                    tally.errors++;
                }
            } catch (IOException e) {
                tally.errors++;
            }
        }
        return tally;
    }

    static Map<String, Object> jobBody(int tasks) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            inputs.add(Map.of("text", "Quarterly report " + i + ": sales rose 12% while costs fell. The board approved "
                    + "a new plant in Porto. Hiring starts in May."));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "summary");
        body.put("title", "Report summaries");
        body.put("instructions", "Two sentences, plain words.");
        body.put("reward", Map.of("amount", 5, "currency", "USD"));
        body.put("draft", Map.of("provider", "offline"));
        body.put("inputs", inputs);
        return body;
    }

    /** The best of the 100-task configurations. */
    private static Measurement headline(List<Measurement> intake) {
        return intake.stream().filter(m -> m.tasksPerJob() == BULK_JOB_TASKS)
                .max((a, b) -> Double.compare(a.tasksPerSecond(), b.tasksPerSecond())).orElseThrow();
    }

    private static void write(Report report, List<Measurement> intake, Map<Integer, Double> baseline, int itemBytes,
                              long draftMessagesWaiting) {
        Measurement headline = headline(intake);
        double baselineTasksPerSecond = baseline.get(headline.clients());
        double ratio = headline.tasksPerSecond() / baselineTasksPerSecond;
        ObjectNode section = report.section("intake");
        section.put("tasksPerSecond", Percentiles.round(headline.tasksPerSecond()));
        section.put("p50Ms", Percentiles.round(headline.latency().p50()));
        section.put("p99Ms", Percentiles.round(headline.latency().p99()));
        section.put("baselineTasksPerSecond", Percentiles.round(baselineTasksPerSecond));
        section.put("ratio", Math.round(ratio * 1000) / 1000.0);
        section.put("headline", headline.clients() + " clients, jobs of 100 tasks (the best 100-task configuration)");
        section.put("taskItemBytes", itemBytes);
        section.put("eventSourcesDisabled", true);
        section.put("draftMessagesWaiting", draftMessagesWaiting);
        ArrayNode configurations = section.putArray("configurations");
        intake.forEach(m -> {
            ObjectNode row = configurations.addObject().put("clients", m.clients()).put("tasksPerJob", m.tasksPerJob())
                    .put("jobs", m.jobs()).put("tasks", m.tasks()).put("errors", m.errors())
                    .put("seconds", Percentiles.round(m.seconds()))
                    .put("tasksPerSecond", Percentiles.round(m.tasksPerSecond()))
                    .put("jobsPerSecond", Percentiles.round(m.jobs() / m.seconds()));
            row.set("latency", m.latency().toJson());
        });
        ObjectNode baselineNode = section.putObject("baseline");
        baseline.forEach((clients, tasksPerSecond) -> baselineNode.put(clients + " threads", Percentiles.round(tasksPerSecond)));
        report.target("intakeAtLeastHalfOfRawBatchWrite", ratio >= TARGET_RATIO,
                String.format(Locale.ROOT, "%.0f%% (%.0f vs %.0f tasks/s) >= 50%%", ratio * 100, headline.tasksPerSecond(),
                        baselineTasksPerSecond));

        StringBuilder text = new StringBuilder("## Intake\n\n");
        text.append(String.format(Locale.ROOT, "Headline (%d clients, jobs of 100): **%.0f tasks/s**, p50 %.1f ms, p99 %.1f ms "
                        + "per job; raw BatchWriteItem of the same %d-byte task items with %d threads: %.0f tasks/s; ratio **%.0f%%**.%n%n",
                headline.clients(), headline.tasksPerSecond(), headline.latency().p50(), headline.latency().p99(), itemBytes,
                headline.clients(), baselineTasksPerSecond, ratio * 100));
        text.append(String.format(Locale.ROOT, "The stack's SQS event sources were disabled while intake was timed: the "
                + "accepted tasks' %d draft messages waited in the drafts queue instead of being drafted on the same cores.%n%n",
                draftMessagesWaiting));
        text.append("| clients | tasks per job | tasks/s | jobs/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|---|\n");
        intake.forEach(m -> text.append(String.format(Locale.ROOT, "| %d | %d | %.0f | %.1f | %.1f | %.1f | %d |%n",
                m.clients(), m.tasksPerJob(), m.tasksPerSecond(), m.jobs() / m.seconds(), m.latency().p50(), m.latency().p99(),
                m.errors())));
        report.markdown(text.toString());
    }
}
