package dev.microjobs.bench;

import dev.microjobs.bench.chaos.ChaosRun;
import dev.microjobs.bench.coldstart.ColdStartBenchmark;
import dev.microjobs.bench.e2e.EndToEndBenchmark;
import dev.microjobs.bench.intake.IntakeBenchmark;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar microjobs-bench.jar COMMAND [--quick] --out DIR}: starts the local stack itself,
 * measures, and writes the report. Exit code 2 for a bad command line, 1 when a run breaks;
 * a missed target is reported in the report, not in the exit code.
 */
public final class Main {

    static final List<String> COMMANDS = List.of("coldstart", "intake", "e2e", "cost", "all", "chaos");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("microjobs-bench: " + e.getMessage());
            err.println(BenchOptions.USAGE);
            return 2;
        }
        if (options.command().equals("chaos")) {
            return chaos(options, out, err);
        }
        return measure(options, benchmarks(options.command()), out, err);
    }

    /** Runs the benchmarks into one report, prints each target's verdict, and answers the exit code. */
    static int measure(BenchOptions options, List<Benchmark> benchmarks, PrintStream out, PrintStream err) {
        try {
            Report report = new Report(options, Machine.current());
            for (Benchmark benchmark : benchmarks) {
                long start = System.nanoTime();
                benchmark.run(options, report);
                report.ran(benchmark.getClass().getSimpleName(), Duration.ofNanos(System.nanoTime() - start));
            }
            report.write(options.out());
            report.targets().forEach((name, target) ->
                    out.printf("%-32s %s  (%s)%n", name, target.met() ? "PASS" : "MISS", target.comparison()));
            out.println("Report: " + options.out().resolve("report.json") + " and report.md");
            return 0;
        } catch (Exception e) {
            err.println("microjobs-bench: " + options.command() + " failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /**
     * {@code chaos} checks rather than measures, so it writes its own {@code chaos.json} (and the
     * captured logs, {@code chaos.log}) and exits 1 when a task was lost, a task paid twice, the
     * ledger does not balance or a secret reached the logs.
     */
    private static int chaos(BenchOptions options, PrintStream out, PrintStream err) {
        try {
            ChaosRun.Settings settings = ChaosRun.Settings.of(options.tasksOr(2000, 200));
            out.println("chaos: " + settings.tasks() + " tasks; logs go to " + options.out().resolve("chaos.log"));
            ChaosRun.Outcome outcome = new ChaosRun(settings).run(options.projectRoot(), options.out().resolve("chaos.log"));
            Path file = ChaosRun.write(outcome, options.out());
            out.println(outcome.summary());
            out.println("Report: " + file);
            return outcome.clean() ? 0 : 1;
        } catch (Exception e) {
            err.println("microjobs-bench: chaos failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    static List<Benchmark> benchmarks(String command) {
        return switch (command) {
            case "coldstart" -> List.of(new ColdStartBenchmark());
            case "intake" -> List.of(new IntakeBenchmark());
            case "e2e" -> List.of(new EndToEndBenchmark(true, false));
            case "cost" -> List.of(new EndToEndBenchmark(false, true));
            // One lifecycle run reports both its latency and its cost.
            case "all" -> List.of(new ColdStartBenchmark(), new IntakeBenchmark(), new EndToEndBenchmark(true, true));
            default -> throw new IllegalStateException("no benchmark is called " + command);
        };
    }
}
