package dev.microjobs.bench.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.bench.BenchOptions;
import dev.microjobs.bench.Benchmark;
import dev.microjobs.bench.Report;
import dev.microjobs.bench.cost.CostReport;
import dev.microjobs.bench.cost.Meter;
import dev.microjobs.bench.cost.MeteringFront;
import dev.microjobs.bench.cost.PriceTable;
import dev.microjobs.bench.cost.Usage;
import dev.microjobs.bench.e2e.TaskTimeline.Stage;
import dev.microjobs.bench.lambda.ProcessFunctionHost;
import dev.microjobs.bench.memory.MemoryReport;
import dev.microjobs.local.LocalStack;
import dev.microjobs.local.LocalStackOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code e2e}, {@code cost} and (both at once) {@code all}: N tasks (1,000; quick 200) through the
 * whole lifecycle with the {@link LifecycleDriver}, after a warm-up that is not measured: a run
 * whose jobs are all posted at once, which scales every function out and has each execution
 * environment handle enough events for the JIT to have compiled its paths, as environments under
 * steady traffic in Lambda have. Reports tasks per second, p50/p99 of each stage and, when
 * metering, what the run would cost on AWS.
 *
 * <p>Metering ({@code cost}, {@code all}) puts a proxy in front of DynamoDB Local and ElasticMQ, runs
 * each function in a JVM of its own and times every invocation, and reports each function's peak
 * RSS; the proxy and the process hop add to every call, so an {@code e2e}-only run leaves them out.
 */
public final class EndToEndBenchmark implements Benchmark {

    static final double TARGET_SUBMIT_TO_READY_P50_MS = 250;
    /**
     * The warm-up: half as many tasks as the measured run, at most {@value}, in jobs posted at once
     * (the 4 submitters' first four together: at least as many concurrent invocations as the measured
     * run has). Without it the first few hundred tasks ran through code the functions' JVMs (C1
     * only, as Lambda's java17 runtime runs them) were still compiling, and a 600-task run's jobs
     * went from ~800 ms to ~300 ms of created -> READY as they warmed; a quick run warmed with 60
     * tasks instead of 100 measured 1,100 ms instead of 555–768 ms.
     */
    private static final int MAX_WARM_UP_TASKS = 200;
    /** Two jobs of 20 waiting for 8 workers: they never run dry, and no task queues behind a burst of all N. */
    private static final int JOBS_AHEAD = 2;
    /**
     * After the measured run, one job of as many tasks as the measured run's jobs on the idle stack,
     * drafted and left READY (nobody claims: only its submit -> READY is reported): what that costs
     * the code path alone, to tell it from waiting at the run's load.
     */
    private static final int IDLE_JOB_TASKS = 20;
    /** For the measured run's last webhooks and payouts to finish before the idle job is sent. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final boolean reportLatency;
    private final boolean reportCost;

    public EndToEndBenchmark(boolean reportLatency, boolean reportCost) {
        this.reportLatency = reportLatency;
        this.reportCost = reportCost;
    }

    @Override
    public void run(BenchOptions options, Report report) throws Exception {
        int tasks = options.tasksOr(1000, 200);
        LifecycleDriver.Settings settings = LifecycleDriver.Settings.of(tasks).withJobsAhead(JOBS_AHEAD)
                .withTimeout(Duration.ofMinutes(options.quick() ? 3 : 20));
        Meter meter = new Meter();
        LocalStackOptions stackOptions = BenchStackOptions.of(options.projectRoot());
        // Metered runs put each function's execution environments in JVMs of their own, as Lambda runs
        // them: invocations are then billed by their own duration, and each function's peak RSS is its own.
        try (MeteringFront front = new MeteringFront(meter);
             ProcessFunctionHost processes = reportCost ? ProcessFunctionHost.create(options.projectRoot(), meter::invocation) : null;
             WebhookSink webhooks = new WebhookSink()) {
            String webhookUrl = webhooks.url();
            if (reportCost) {
                stackOptions = stackOptions.withEndpointFront(front).withFunctionHost(processes);
            }
            try (LocalStack stack = LocalStack.start(stackOptions)) {
                long warmUpStart = System.nanoTime();
                new LifecycleDriver(stack, LifecycleDriver.Settings.of(Math.max(1, Math.min(MAX_WARM_UP_TASKS, tasks / 2)))
                        .withWebhookUrl(webhookUrl)).run();
                report.ran("EndToEndBenchmark.warmUp", Duration.ofNanos(System.nanoTime() - warmUpStart));
                long deliveriesBefore = webhooks.deliveries();
                meter.start();
                LifecycleDriver.Result result = new LifecycleDriver(stack, settings.withWebhookUrl(webhookUrl)).run();
                meter.stop();
                report.ran("EndToEndBenchmark.measuredRun", result.elapsed());
                if (!result.allPaid() || !result.ledger().conserved()) {
                    throw new IllegalStateException("the lifecycle run did not finish cleanly: " + result.finalStates()
                            + ", ledger " + result.ledger().summary() + " " + result.ledger().problems());
                }
                if (reportLatency) {
                    Thread.sleep(SETTLE.toMillis());
                    long deliveries = webhooks.deliveries() - deliveriesBefore;
                    long idleStart = System.nanoTime();
                    LifecycleDriver.Result idleJob = new LifecycleDriver(stack, LifecycleDriver.Settings.of(IDLE_JOB_TASKS)
                            .withTasksPerJob(IDLE_JOB_TASKS).withWorkers(0).withWebhookUrl(webhookUrl)).run();
                    report.ran("EndToEndBenchmark.idleJob", Duration.ofNanos(System.nanoTime() - idleStart));
                    reportLatency(result, deliveries, idleJob, report, reportCost);
                }
                if (reportCost) {
                    reportCost(meter.usage(), result, report);
                    MemoryReport.write(report, stack.template().functions().values(), processes.stats(), options.projectRoot());
                }
            }
        }
    }

    private static void reportLatency(LifecycleDriver.Result result, long webhookDeliveries, LifecycleDriver.Result idleJob,
                                      Report report, boolean ownProcesses) {
        ObjectNode section = report.section("e2e");
        LifecycleDriver.Settings settings = result.settings();
        double submitToReady = result.stage(Stage.SUBMIT_TO_READY).p50();
        section.put("tasks", settings.tasks());
        section.put("jobs", settings.jobs());
        section.put("tasksPerJob", settings.tasksPerJob());
        section.put("workers", settings.workers());
        section.put("businesses", settings.businesses());
        section.put("businessesTakingWebhooks", settings.businessesTakingWebhooks());
        section.put("webhookDeliveries", webhookDeliveries);
        section.put("elapsedSeconds", result.elapsed().toMillis() / 1000.0);
        section.put("tasksPerSecond", Percentiles.round(result.tasksPerSecond()));
        section.put("submitToReadyP50Ms", Percentiles.round(submitToReady));
        ObjectNode stages = section.putObject("stages");
        for (Stage stage : Stage.values()) {
            stages.set(stage.key(), result.stage(stage).toJson());
        }
        section.put("allPaid", result.allPaid());
        section.put("ledgerConserved", result.ledger().conserved());
        section.put("apiRetries", result.apiRetries());
        section.put("sweepsFired", result.sweeps());
        section.put("functionsInOwnProcesses", ownProcesses);
        ObjectNode idle = section.putObject("idleJob");
        idle.put("tasks", idleJob.timelines().size());
        for (Stage stage : List.of(Stage.SUBMIT_TO_READY, Stage.SUBMIT_TO_CREATED, Stage.CREATED_TO_READY)) {
            idle.set(stage.key(), idleJob.stage(stage).toJson());
        }
        report.target("submitToReadyP50Within250Ms", submitToReady <= TARGET_SUBMIT_TO_READY_P50_MS,
                String.format(Locale.ROOT, "%.1f ms <= %.0f ms", submitToReady, TARGET_SUBMIT_TO_READY_P50_MS));

        StringBuilder text = new StringBuilder("## End to end\n\n");
        text.append(String.format(Locale.ROOT, "%d tasks (%d jobs of %d, %d workers) from submission to PAID in %.1f s: "
                        + "**%.1f tasks/s**; submit → READY p50 **%.1f ms**. Every task PAID, ledger conserved. %s%n%n",
                settings.tasks(), settings.jobs(), settings.tasksPerJob(), settings.workers(), result.elapsed().toMillis() / 1000.0,
                result.tasksPerSecond(), submitToReady, ownProcesses
                        ? "Each function's execution environments ran in JVMs of their own, started as invocations at once needed them."
                        : "All functions ran in the stack's JVM."));
        text.append(String.format(Locale.ROOT, "Of the %d businesses, %d take webhooks (%d deliveries received, answered at once) "
                + "and the others read the feed.%n%n", settings.businesses(), settings.businessesTakingWebhooks(), webhookDeliveries));
        text.append("| stage | p50 ms | p99 ms | max ms |\n|---|---|---|---|\n");
        for (Stage stage : Stage.values()) {
            Percentiles p = result.stage(stage);
            text.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", stage.key(), p.p50(), p.p99(), p.max()));
        }
        text.append(String.format(Locale.ROOT, "%nThen one job of %d tasks on the idle stack: submit → READY p50 %.1f ms "
                        + "(submit → created %.1f ms, created → READY %.1f ms), the code path without the run's load.%n",
                idleJob.timelines().size(), idleJob.stage(Stage.SUBMIT_TO_READY).p50(),
                idleJob.stage(Stage.SUBMIT_TO_CREATED).p50(), idleJob.stage(Stage.CREATED_TO_READY).p50()));
        report.markdown(text.toString());
    }

    private static void reportCost(Usage usage, LifecycleDriver.Result result, Report report) {
        long tasks = result.settings().tasks();
        double rewardUsd = result.settings().rewardMinor() / 100.0;
        CostReport.write(report.section("cost"), usage, PriceTable.US_EAST_1, tasks, rewardUsd, 1);
        double usdPer1000 = CostReport.figures(usage, PriceTable.US_EAST_1, tasks, rewardUsd, 1).usdPer1000Tasks();
        report.target("costWithin2CentsPer1000Tasks", usdPer1000 <= CostReport.TARGET_USD_PER_1000_TASKS,
                String.format(Locale.ROOT, "$%.4f <= $%.2f", usdPer1000, CostReport.TARGET_USD_PER_1000_TASKS));
        report.markdown(CostReport.markdown(usage, PriceTable.US_EAST_1, tasks, rewardUsd, 1));
    }
}
