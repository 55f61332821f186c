package dev.microjobs.bench.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.aws.dynamodb.DynamoJobStore;
import dev.microjobs.aws.dynamodb.DynamoLedgerReader;
import dev.microjobs.aws.dynamodb.DynamoTaskStore;
import dev.microjobs.aws.dynamodb.IdempotencyItems;
import dev.microjobs.aws.dynamodb.TableConfiguration;
import dev.microjobs.aws.dynamodb.TaskItems;
import dev.microjobs.aws.faults.InjectedFaults;
import dev.microjobs.bench.e2e.BenchStackOptions;
import dev.microjobs.bench.e2e.LifecycleDriver;
import dev.microjobs.bench.e2e.TaskTimeline;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.ledger.LedgerAudit;
import dev.microjobs.local.LocalStack;
import dev.microjobs.local.aws.AwsClients;
import dev.microjobs.local.aws.LocalQueue;
import dev.microjobs.local.lambda.FunctionHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A chaos run: the local stack with every fault switched on, {@code tasks} tasks through the whole
 * lifecycle by the {@link LifecycleDriver}, then the checks that matter when things go wrong:
 * <ul>
 *   <li>every task ends PAID or in a terminal state ({@link #TERMINAL_STATES}); the rest are lost;
 *   <li>no task is paid twice, neither at the payment system (its record of transfers) nor in the
 *       ledger (money paid out beyond the rewards of the PAID tasks);
 *   <li>the ledger balances ({@code ledger-verify});
 *   <li>no key, token or secret the run used appears in its logs.
 * </ul>
 *
 * <p>The faults: the SDK interceptor ({@code FAULT_INJECTION_*}) fails a share of the functions'
 * DynamoDB and SQS calls and crashes invocations right after writes; {@link ChaosFunctionHost}
 * crashes invocations before their acknowledgement and delivers SQS messages twice; the AI
 * provider and the payment system are {@link FlakyProvider}s failing a share of calls.
 *
 * <p>Three settings compress time so that a run fits a CI budget, and change no behaviour:
 * the queues' visibility timeouts are shortened on ElasticMQ once the stack is up (a failed
 * message comes back after seconds, not six minutes), the event sources gather a batch for a
 * second at most (each retried payout would wait the payouts queue's 10 s again), and the
 * provider timeouts are 1 s.
 */
public final class ChaosRun {

    /**
     * States a task may end in other than PAID: nothing can move it on, and its escrow has gone
     * back to the business. The driver neither cancels nor rejects and its jobs do not expire
     * within a run, so in a chaos run any task in them is suspect too, but it is not lost.
     */
    public static final Set<TaskState> TERMINAL_STATES = Set.of(TaskState.EXPIRED, TaskState.CANCELLED, TaskState.REJECTED);

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String TABLE = "MicrojobsTable";
    private static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration QUIET_FOR = Duration.ofSeconds(3);
    private static final Duration QUIESCENCE_LIMIT = Duration.ofSeconds(60);
    private static final int LOST_TASK_SAMPLES = 10;
    /** The queues whose messages move tasks or money: the run is over once they are empty. */
    private static final List<String> WORK_QUEUES = List.of("DraftsQueue", "DraftsDeadLetterQueue", "PayoutsQueue");

    /**
     * What to run.
     *
     * @param tasks                  tasks through the lifecycle
     * @param duplicateShare         share of SQS messages delivered twice
     * @param sdkShare               share of the functions' DynamoDB and SQS calls that fail
     * @param providerFailureShare   share of calls to the AI provider and the payment system that fail
     * @param crashShare             share of invocations that crash before their acknowledgement, and of
     *                               successful writes right after which the invocation crashes
     * @param seed                   makes the faults' choices repeatable (thread timing still varies)
     * @param visibilityTimeoutSeconds the queues' visibility timeout during the run
     * @param driver                 the lifecycle driver's settings
     */
    public record Settings(int tasks, double duplicateShare, double sdkShare, double providerFailureShare, double crashShare,
                           long seed, int visibilityTimeoutSeconds, LifecycleDriver.Settings driver) {

        /** Issue #9's mix: 10% duplicate deliveries, 5% SDK faults, 20% provider failures, 2% crashes. */
        public static Settings of(int tasks) {
            return new Settings(tasks, 0.10, 0.05, 0.20, 0.02, 9, 5,
                    LifecycleDriver.Settings.of(tasks).withTasksPerJob(20).withSubmitters(10).withWorkers(40).withDraftProvider("openai")
                            .withStallBeforeSweep(Duration.ofSeconds(5))
                            // About 3 tasks a second get through on a shared 2-core machine; give it twice that time.
                            .withTimeout(Duration.ofMinutes(2).plusMillis(tasks * 600L)));
        }
    }

    /** What a run found. {@link #clean()} is the verdict. */
    public record Outcome(int tasks, Duration duration, boolean finishedInTime, Map<String, Long> faultsInjected, Map<TaskState, Integer> finalStates,
                          int lostTasks, long doublePayoutsAtProvider, long doublePayoutsInLedger, long conflictingPayoutRepeats,
                          long providerPaidOut, long ledgerPaidOut, boolean ledgerConserved, String ledgerSummary,
                          List<String> ledgerProblems, int secretsChecked, List<SecretScan.Finding> secretsInLogs,
                          long logLines, long apiRetries, int sweepsFired, long draftsWithoutContent,
                          List<String> lostTaskSamples) {

        public long doublePayouts() {
            return doublePayoutsAtProvider + doublePayoutsInLedger + conflictingPayoutRepeats;
        }

        public long faultsInjectedTotal() {
            return faultsInjected.values().stream().mapToLong(Long::longValue).sum();
        }

        public boolean clean() {
            return lostTasks == 0 && doublePayouts() == 0 && ledgerConserved && providerPaidOut == ledgerPaidOut
                    && secretsInLogs.isEmpty();
        }

        /** One line for a person: the verdict and the figures behind it. */
        public String summary() {
            return String.format(Locale.ROOT, "chaos %s: %d tasks in %.0f s%s, %d faults injected, %d lost, %d paid twice, "
                            + "ledger %s, %d secrets in logs",
                    clean() ? "PASS" : "FAIL", tasks, duration.toMillis() / 1000.0, finishedInTime ? "" : " (out of time)",
                    faultsInjectedTotal(), lostTasks, doublePayouts(),
                    ledgerConserved ? "conserved" : "NOT conserved", secretsInLogs.size());
        }

        /** chaos.json */
        public ObjectNode toJson() {
            ObjectNode json = JSON.createObjectNode();
            json.put("tasks", tasks);
            json.put("durationSeconds", duration.toMillis() / 1000.0);
            // False: the driver's time ran out first, so tasks still on their way count as lost.
            json.put("finishedInTime", finishedInTime);
            ObjectNode faults = json.putObject("faultsInjected");
            faults.put("total", faultsInjectedTotal());
            faultsInjected.forEach(faults::put);
            ObjectNode states = json.putObject("finalStates");
            finalStates.forEach((state, count) -> states.put(state.name(), count));
            json.put("lostTasks", lostTasks);
            // A few of them as the table holds them, to start the search for why from.
            lostTaskSamples.forEach(json.putArray("lostTaskSamples")::add);
            json.put("doublePayouts", doublePayouts());
            ObjectNode doubles = json.putObject("doublePayoutChecks");
            doubles.put("tasksPaidTwiceAtProvider", doublePayoutsAtProvider);
            doubles.put("tasksPaidTwiceInLedger", doublePayoutsInLedger);
            doubles.put("conflictingPayoutRepeats", conflictingPayoutRepeats);
            doubles.put("providerPaidOutMinor", providerPaidOut);
            doubles.put("ledgerPaidOutMinor", ledgerPaidOut);
            json.put("ledgerConserved", ledgerConserved);
            json.put("ledgerSummary", ledgerSummary);
            ledgerProblems.forEach(json.putArray("ledgerProblems")::add);
            json.put("secretsChecked", secretsChecked);
            json.put("secretsInLogs", secretsInLogs.size());
            secretsInLogs.forEach(finding -> json.withArray("secretLeaks").addObject()
                    .put("secret", finding.secret()).put("form", finding.form()).put("line", finding.line()));
            json.put("logLines", logLines);
            json.put("apiRetries", apiRetries);
            json.put("sweepsFired", sweepsFired);
            json.put("draftsWithoutContent", draftsWithoutContent);
            json.put("clean", clean());
            return json;
        }
    }

    private final Settings settings;

    public ChaosRun(Settings settings) {
        this.settings = settings;
    }

    /** Runs the chaos on a fresh stack from {@code projectRoot}'s template, capturing all logs into {@code logFile}. */
    public Outcome run(Path projectRoot, Path logFile) throws Exception {
        SecureRandom secrets = new SecureRandom();
        String openAiKey = "sk-chaos-" + randomText(secrets, 24);
        String payoutSecret = "whsec_" + Base64.getEncoder().encodeToString(randomBytes(secrets, 32));
        SplittableRandom random = new SplittableRandom(settings.seed());
        Map<InjectedFaults.Kind, Long> sdkBefore = InjectedFaults.counts();
        Instant started = Instant.now();
        LifecycleDriver driver;
        LifecycleDriver.Result result;
        Map<String, Long> faults = new LinkedHashMap<>();
        long providerPaidOut;
        long tasksPaidTwice;
        long conflictingRepeats;
        Map<TaskState, Integer> finalStates;
        long draftsWithoutContent;
        LedgerAudit.Report ledger;
        List<String> lostTaskSamples;
        try (LogCapture logs = LogCapture.into(logFile);
             FaultSwitches ignored = FaultSwitches.on(settings.sdkShare(), settings.crashShare(), settings.seed());
             AiProviderStandIn ai = new AiProviderStandIn(openAiKey, settings.providerFailureShare(), random.split(), PROVIDER_TIMEOUT);
             PayoutProviderStandIn payments = new PayoutProviderStandIn(payoutSecret, settings.providerFailureShare(), random.split(),
                     PROVIDER_TIMEOUT);
             ChaosFunctionHost host = new ChaosFunctionHost(FunctionHost.IN_PROCESS, settings.crashShare(), settings.duplicateShare(),
                     random.split());
             LocalStack stack = LocalStack.start(BenchStackOptions.of(projectRoot)
                     .withParameter("DraftTimeout", PROVIDER_TIMEOUT.toMillis() + "ms")
                     .withParameter("OpenAiBaseUrl", ai.openAiBaseUrl())
                     .withParameter("OpenAiApiKey", openAiKey)
                     .withParameter("PayoutProvider", "webhook")
                     .withParameter("PayoutWebhookUrl", payments.url())
                     .withParameter("PayoutWebhookSecret", payoutSecret)
                     .withParameter("PayoutTimeout", PROVIDER_TIMEOUT.toMillis() + "ms")
                     .withFunctionHost(host)
                     .withBatchingWindowsOfAtMost(1));
             SqsClient sqs = AwsClients.sqs(stack.sqsEndpoint(), "us-east-1");
             DynamoDbClient dynamo = AwsClients.dynamoDb(stack.dynamoDbEndpoint(), "us-east-1")) {
            shortenVisibilityTimeouts(stack, sqs);
            driver = new LifecycleDriver(stack, settings.driver());
            result = driver.run();
            awaitQuiescence(stack, sqs);

            TableConfiguration table = new TableConfiguration();
            table.setName(stack.tableName(TABLE));
            List<Task> tasks = new DynamoTaskStore(dynamo, table, new TaskItems())
                    .findAll(result.timelines().stream().map(TaskTimeline::taskId).toList());
            finalStates = new EnumMap<>(TaskState.class);
            tasks.forEach(task -> finalStates.merge(task.state(), 1, Integer::sum));
            draftsWithoutContent = tasks.stream().filter(task -> task.draft() != null && !task.draft().hasContent()).count();
            DynamoJobStore jobs = new DynamoJobStore(dynamo, table, new TaskItems(), new DynamoTaskStore(dynamo, table, new TaskItems()),
                    new IdempotencyItems(dynamo, table, Clock.systemUTC()));
            lostTaskSamples = tasks.stream()
                    .filter(task -> task.state() != TaskState.PAID && !TERMINAL_STATES.contains(task.state()))
                    .limit(LOST_TASK_SAMPLES)
                    .map(task -> task.id() + " " + task.state() + " v" + task.version() + ", job "
                            + jobs.findJob(task.jobId()).map(job -> job.status() + " until " + job.expiresAt()).orElse("missing")
                            + ", index " + dynamo.getItem(get -> get.tableName(table.getName())
                                    .key(Map.of("pk", AttributeValue.fromS("TASK#" + task.id()), "sk", AttributeValue.fromS("TASK"))))
                            .item().get("gsi2pk"))
                    .toList();
            ledger = new DynamoLedgerReader(dynamo, table.getName()).audit();

            InjectedFaults.counts().forEach((kind, count) -> faults.put("sdk" + camel(kind.name()), count - sdkBefore.get(kind)));
            faults.put("crashBeforeAck", host.crashesBeforeAck());
            faults.put("duplicateDeliveries", host.duplicateDeliveries());
            ai.faults().forEach((kind, count) -> faults.put("aiProvider" + camel(kind.name()), count));
            payments.faults().forEach((kind, count) -> faults.put("payoutProvider" + camel(kind.name()), count));
            providerPaidOut = payments.transfers().values().stream().mapToLong(PayoutProviderStandIn.Transfer::amount).sum();
            tasksPaidTwice = payments.tasksPaidTwice();
            conflictingRepeats = payments.conflictingRepeats();
        }
        Duration duration = Duration.between(started, Instant.now());

        int paid = finalStates.getOrDefault(TaskState.PAID, 0);
        int terminal = TERMINAL_STATES.stream().mapToInt(state -> finalStates.getOrDefault(state, 0)).sum();
        long ledgerPaidOut = ledger.totals().values().stream().mapToLong(LedgerAudit.Totals::paidOut).sum();
        long rewardsPaid = paid * settings.driver().rewardMinor();
        long paidTwiceInLedger = Math.max(0, ledgerPaidOut - rewardsPaid) / settings.driver().rewardMinor();

        Map<String, String> used = new LinkedHashMap<>();
        List<String> credentials = driver.credentialsIssued();
        for (int i = 0; i < credentials.size(); i++) {
            used.put("credential " + i + " (" + credentials.get(i).substring(0, 4) + ")", credentials.get(i));
        }
        used.put("OpenAI API key", openAiKey);
        used.put("payout webhook secret", payoutSecret);
        List<SecretScan.Finding> leaks = new SecretScan(used).scan(logFile);
        long logLines;
        try (var lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
            logLines = lines.count();
        }
        return new Outcome(settings.tasks(), duration, result.allPaid(), faults, finalStates, settings.tasks() - paid - terminal, tasksPaidTwice,
                paidTwiceInLedger, conflictingRepeats, providerPaidOut, ledgerPaidOut, ledger.conserved(), ledger.summary(),
                ledger.problems(), used.size(), leaks, logLines, result.apiRetries(), result.sweeps(), draftsWithoutContent,
                lostTaskSamples);
    }

    /** Writes {@code chaos.json} into {@code directory}. */
    public static Path write(Outcome outcome, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("chaos.json");
        Files.writeString(file, JSON.writeValueAsString(outcome.toJson()) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private void shortenVisibilityTimeouts(LocalStack stack, SqsClient sqs) {
        for (String queue : WORK_QUEUES) {
            LocalQueue local = stack.queues().get(queue);
            if (local != null) {
                sqs.setQueueAttributes(request -> request.queueUrl(local.url()).attributes(
                        Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(settings.visibilityTimeoutSeconds()))));
            }
        }
    }

    /**
     * Waits until no work queue holds a message, visible or in flight, for {@link #QUIET_FOR}: a late
     * duplicate or redelivery could still pay, so the books are read only after the last one. (Events
     * only report changes; the notifier may still be retrying some.)
     */
    private static void awaitQuiescence(LocalStack stack, SqsClient sqs) throws InterruptedException {
        Instant limit = Instant.now().plus(QUIESCENCE_LIMIT);
        Instant quietSince = null;
        while (Instant.now().isBefore(limit)) {
            long inQueues = 0;
            for (String queue : WORK_QUEUES) {
                String url = stack.queueUrl(queue);
                Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
                inQueues += attributes.values().stream().mapToLong(Long::parseLong).sum();
            }
            if (inQueues > 0) {
                quietSince = null;
            } else if (quietSince == null) {
                quietSince = Instant.now();
            } else if (Duration.between(quietSince, Instant.now()).compareTo(QUIET_FOR) >= 0) {
                return;
            }
            Thread.sleep(250);
        }
    }

    private static String camel(String constant) {
        return List.of(constant.toLowerCase(Locale.ROOT).split("_")).stream()
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(Collectors.joining());
    }

    private static byte[] randomBytes(SecureRandom random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String randomText(SecureRandom random, int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(random, bytes));
    }

    /** The SDK fault interceptor's settings, as the functions read them, for the length of a run. */
    private static final class FaultSwitches implements AutoCloseable {
        private static final List<String> NAMES = List.of(
                "FAULT_INJECTION_SDK_SHARE", "FAULT_INJECTION_CRASH_AFTER_WRITE_SHARE", "FAULT_INJECTION_SEED");

        static FaultSwitches on(double sdkShare, double crashAfterWriteShare, long seed) {
            System.setProperty(NAMES.get(0), Double.toString(sdkShare));
            System.setProperty(NAMES.get(1), Double.toString(crashAfterWriteShare));
            System.setProperty(NAMES.get(2), Long.toString(seed));
            return new FaultSwitches();
        }

        @Override
        public void close() {
            NAMES.forEach(System::clearProperty);
        }
    }
}
