package dev.microjobs.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.bench.BenchOptions;
import dev.microjobs.bench.Benchmark;
import dev.microjobs.bench.Report;
import dev.microjobs.bench.lambda.FunctionInstance;
import dev.microjobs.bench.lambda.FunctionSpec;
import dev.microjobs.bench.lambda.Invocation;
import dev.microjobs.bench.lambda.LambdaJvm;
import dev.microjobs.bench.lambda.LambdaRuntime;
import dev.microjobs.local.LocalStack;
import dev.microjobs.local.LocalStackOptions;
import dev.microjobs.local.admin.DemoAccounts;
import dev.microjobs.local.aws.AwsClients;
import dev.microjobs.local.lambda.EventJson;
import dev.microjobs.local.lambda.FunctionHost;
import dev.microjobs.local.template.FunctionDef;
import dev.microjobs.local.template.PseudoParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Cold start of every function against a bare SDK handler. Each run starts a new JVM exactly as Lambda's
 * java17 runtime would ({@link LambdaJvm}), lets the Runtime Interface Client create the handler, and
 * hands it one realistic event (under {@code events/}) that works against the running local stack. The
 * time is from just before the process starts to the moment the runtime posts the response; the first
 * poll for an event splits it into init (JVM, runtime, handler construction) and first invocation.
 * Baseline runs are interleaved with the functions' so that drift in machine load affects both alike.
 */
public final class ColdStartBenchmark implements Benchmark {

    static final String BASELINE = "BareBaseline";
    static final double TARGET_RATIO = 1.5;
    static final String TARGET = "coldStartWithin1.5xBaseline";
    static final Path BASELINE_JAR = Path.of("infra", "bench-baseline", "target", "bare-handler.jar");
    private static final String BASELINE_HANDLER = "dev.microjobs.bench.baseline.BareHandler";
    /** Generous: a cold start on a shared 2-core machine can take many seconds. */
    private static final Duration RUN_LIMIT = Duration.ofSeconds(90);

    private final Optional<Integer> runs;
    private final Predicate<String> measured;

    /** Every function of the template, 10 runs each (5 with {@code --quick}). */
    public ColdStartBenchmark() {
        this(Optional.empty(), name -> true);
    }

    /** Fewer runs or functions, for tests. */
    public ColdStartBenchmark(int runs, Set<String> functions) {
        this(Optional.of(runs), functions::contains);
    }

    private ColdStartBenchmark(Optional<Integer> runs, Predicate<String> measured) {
        this.runs = runs;
        this.measured = measured;
    }

    /** One cold start: milliseconds from process start to init done and to the response, and whether it counts. */
    record Run(double totalMs, double initMs, long peakRssKb, Optional<String> problem) {
    }

    @Override
    public void run(BenchOptions options, Report report) throws Exception {
        int runsEach = runs.orElse(options.quick() ? 5 : 10);
        Path root = options.projectRoot();
        Map<String, Map<String, String>> environments = new ConcurrentHashMap<>();
        FunctionHost recordingEnvironments = (definition, environment, account) -> {
            environments.put(definition.logicalId(), environment);
            return FunctionHost.IN_PROCESS.create(definition, environment, account);
        };
        try (LocalStack stack = LocalStack.start(LocalStackOptions.onFreePorts()
                .withTemplate(root.resolve("template.yaml"))
                .withStartupTask(new DemoAccounts())
                .withFunctionHost(recordingEnvironments));
             LambdaRuntime runtime = LambdaRuntime.create()) {
            SampleEvents events = new SampleEvents(root.resolve("events"), StackSamples.create(stack));
            List<FunctionSpec> functions = new ArrayList<>();
            for (FunctionDef definition : stack.template().functions().values()) {
                if (measured.test(definition.logicalId())) {
                    functions.add(new FunctionSpec(definition.logicalId(), definition.handler(), root.resolve(definition.codeUri()),
                            definition.memorySizeMb(), definition.timeoutSeconds(),
                            LambdaJvm.asEnvironment(environments.get(definition.logicalId()))));
                }
            }
            if (functions.isEmpty()) {
                throw new IllegalArgumentException("no function of the template to measure");
            }
            FunctionSpec baseline = baseline(stack, root, functions.get(0));
            Map<String, List<Run>> results = measure(runtime, events, baseline, functions, runsEach);
            record(report, results, runsEach, functions.get(0).memoryMb());
        }
    }

    /** Runs round-robin, each round starting one further along, so no function always follows the same one. */
    private static Map<String, List<Run>> measure(LambdaRuntime runtime, SampleEvents events, FunctionSpec baseline,
                                                  List<FunctionSpec> functions, int runsEach) throws Exception {
        List<FunctionSpec> all = new ArrayList<>();
        all.add(baseline);
        all.addAll(functions);
        Map<String, List<Run>> results = new LinkedHashMap<>();
        all.forEach(function -> results.put(function.name(), new ArrayList<>()));
        for (int round = 0; round < runsEach; round++) {
            for (int i = 0; i < all.size(); i++) {
                FunctionSpec function = all.get((round + i) % all.size());
                byte[] event = function == baseline
                        ? "{\"source\":\"microjobs.bench\"}".getBytes(StandardCharsets.UTF_8)
                        : events.render(function.name());
                results.get(function.name()).add(coldStart(runtime, function, event));
            }
        }
        return results;
    }

    static Run coldStart(LambdaRuntime runtime, FunctionSpec function, byte[] event) throws IOException, InterruptedException {
        try (FunctionInstance instance = runtime.launch(function)) {
            Invocation invocation = instance.submit(event);
            Invocation.Outcome outcome;
            try {
                outcome = instance.await(invocation, RUN_LIMIT, RUN_LIMIT);
            } catch (TimeoutException e) {
                return new Run(Double.NaN, Double.NaN, instance.peakRssKb(),
                        Optional.of("no response within " + RUN_LIMIT.toSeconds() + " s; last output:\n" + instance.logTail()));
            }
            double totalMs = (outcome.atNanos() - instance.startNanos()) / 1e6;
            double initMs = instance.initDoneNanos().map(at -> (at - instance.startNanos()) / 1e6).orElse(Double.NaN);
            Optional<String> problem = outcome.error()
                    ? Optional.of(outcome.errorMessage() + "\nlast output:\n" + instance.logTail())
                    : unsuccessful(EventJson.MAPPER.readTree(outcome.body()));
            return new Run(totalMs, initMs, instance.peakRssKb(), problem);
        }
    }

    /** A response that is not a success: an HTTP status outside 2xx, or SQS batch item failures. */
    static Optional<String> unsuccessful(JsonNode response) {
        if (response != null && response.has("statusCode")) {
            int status = response.get("statusCode").asInt();
            return status >= 200 && status < 300 ? Optional.empty()
                    : Optional.of("HTTP " + status + ": " + response.path("body").asText());
        }
        if (response != null && response.path("batchItemFailures").size() > 0) {
            return Optional.of("batch item failures: " + response.get("batchItemFailures"));
        }
        return Optional.empty();
    }

    /** The bare handler, configured like the functions: same memory, same SDK settings, its own table item and queue. */
    private static FunctionSpec baseline(LocalStack stack, Path root, FunctionSpec like) {
        Map<String, String> environment = new LinkedHashMap<>();
        like.environment().forEach((name, value) -> {
            if (name.startsWith("AWS_")) {
                environment.put(name, value);
            }
        });
        environment.put("TABLE_NAME", stack.tableName("MicrojobsTable"));
        environment.put("QUEUE_URL", baselineQueue(stack));
        return new FunctionSpec(BASELINE, BASELINE_HANDLER, root.resolve(BASELINE_JAR), like.memoryMb(), like.timeoutSeconds(), environment);
    }

    /** A queue nothing consumes, so the baseline's messages disturb none of the stack's functions. */
    private static String baselineQueue(LocalStack stack) {
        try (SqsClient sqs = AwsClients.sqs(stack.sqsEndpoint(), PseudoParameters.LOCAL.region())) {
            return sqs.createQueue(create -> create.queueName("cold-start-baseline")).queueUrl();
        }
    }

    private static void record(Report report, Map<String, List<Run>> results, int runsEach, int baselineMemoryMb) {
        ObjectNode section = report.section("coldStart");
        section.put("runsPerFunction", runsEach);
        ArrayNode flags = section.putArray("jvmFlags");
        LambdaJvm.command(Path.of("java"), baselineMemoryMb, List.of(), "").stream()
                .filter(argument -> argument.startsWith("-X") || argument.startsWith("-D")).forEach(flags::add);
        ObjectNode functions = section.putObject("functions");
        Map<String, Timings> medians = new LinkedHashMap<>();
        List<String> invalid = new ArrayList<>();
        results.forEach((name, runs) -> {
            ObjectNode node = name.equals(BASELINE) ? section.putObject("baseline") : functions.putObject(name);
            Optional<Timings> timings = describe(node, runs);
            timings.ifPresent(found -> medians.put(name, found));
            runs.stream().flatMap(run -> run.problem().stream()).findFirst()
                    .ifPresent(problem -> invalid.add(name + ": " + problem.lines().findFirst().orElse(problem)));
        });
        Optional<Timings> baseline = Optional.ofNullable(medians.get(BASELINE));
        Optional<Map.Entry<String, Timings>> slowest = medians.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(BASELINE))
                .max(Comparator.comparingDouble(entry -> entry.getValue().medianMs()));
        boolean complete = baseline.isPresent() && medians.size() == results.size();
        baseline.ifPresent(found -> section.put("baselineMedianMs", round(found.medianMs())));
        StringBuilder markdown = new StringBuilder("## Cold start\n\n")
                .append("Fresh JVM per run, started as Lambda's java17 runtime (flags below), time from process start to the")
                .append(" response posted to the Runtime API; median of ").append(runsEach).append(" runs.\n\n")
                .append("| function | median ms | init ms (median) | min | max | valid runs |\n|---|---|---|---|---|---|\n");
        results.forEach((name, runs) -> {
            JsonNode node = name.equals(BASELINE) ? section.get("baseline") : functions.get(name);
            markdown.append("| ").append(name).append(" | ").append(node.path("medianMs").asText("-")).append(" | ")
                    .append(node.path("initMedianMs").asText("-")).append(" | ").append(node.path("minMs").asText("-"))
                    .append(" | ").append(node.path("maxMs").asText("-")).append(" | ").append(node.get("validRuns").asInt())
                    .append("/").append(runs.size()).append(" |\n");
        });
        if (slowest.isPresent() && baseline.isPresent()) {
            double ratio = Timings.ratio(slowest.get().getValue(), baseline.get());
            section.put("slowestFunction", slowest.get().getKey());
            section.put("ratio", Math.round(ratio * 100) / 100.0);
            String comparison = String.format("%s %.0f ms / baseline %.0f ms = %.2fx <= %.1fx%s", slowest.get().getKey(),
                    slowest.get().getValue().medianMs(), baseline.get().medianMs(), ratio, TARGET_RATIO,
                    complete ? "" : " (some functions had no valid run)");
            report.target(TARGET, complete && ratio <= TARGET_RATIO, comparison);
            markdown.append("\nSlowest: ").append(comparison).append(".\n");
        } else {
            report.target(TARGET, false, "no valid runs to compare");
        }
        ArrayNode problems = section.putArray("invalidRuns");
        invalid.forEach(problems::add);
        invalid.forEach(problem -> markdown.append("\nInvalid run, not counted: ").append(problem).append('\n'));
        markdown.append("\nJVM flags: `").append(String.join(" ", toList(flags))).append("`\n");
        report.markdown(markdown.toString());
    }

    /** Writes one function's figures; its timings when at least one run was valid. */
    private static Optional<Timings> describe(ObjectNode node, List<Run> runs) {
        List<Run> valid = runs.stream().filter(run -> run.problem().isEmpty()).toList();
        node.put("validRuns", valid.size());
        ArrayNode all = node.putArray("runsMs");
        valid.forEach(run -> all.add(round(run.totalMs())));
        if (valid.isEmpty()) {
            return Optional.empty();
        }
        Timings total = Timings.of(valid.stream().map(Run::totalMs).toList());
        Timings init = Timings.of(valid.stream().map(Run::initMs).toList());
        node.put("medianMs", round(total.medianMs()));
        node.put("minMs", round(total.minMs()));
        node.put("maxMs", round(total.maxMs()));
        node.put("initMedianMs", round(init.medianMs()));
        node.put("firstInvokeMedianMs", round(Timings.of(valid.stream().map(run -> run.totalMs() - run.initMs()).toList()).medianMs()));
        node.put("coldPeakRssMb", round(Timings.of(valid.stream().map(run -> run.peakRssKb() / 1024.0).toList()).medianMs()));
        return Optional.of(total);
    }

    private static List<String> toList(ArrayNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
