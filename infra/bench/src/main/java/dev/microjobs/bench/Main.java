package dev.microjobs.bench;

import dev.microjobs.bench.e2e.EndToEndBenchmark;
import dev.microjobs.bench.intake.IntakeBenchmark;
import java.io.PrintStream;
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
        try {
            Report report = new Report(options, Machine.current());
            for (Benchmark benchmark : benchmarks(options.command())) {
                benchmark.run(options, report);
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

    private static List<Benchmark> benchmarks(String command) {
        return switch (command) {
            case "intake" -> List.of(new IntakeBenchmark());
            case "e2e" -> List.of(new EndToEndBenchmark(true, false));
            case "cost" -> List.of(new EndToEndBenchmark(false, true));
            // One lifecycle run reports both its latency and its cost.
            case "all" -> List.of(new IntakeBenchmark(), new EndToEndBenchmark(true, true));
            default -> throw new IllegalStateException(command + " is being built");
        };
    }
}
