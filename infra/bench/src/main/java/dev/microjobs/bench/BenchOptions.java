package dev.microjobs.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command line of the benchmark jar.
 *
 * @param command     one of {@link Main#COMMANDS}
 * @param quick       smaller runs, for CI and a first look: {@code all} within 5 minutes on 2 cores
 * @param out         where {@code report.json} and {@code report.md} (or {@code chaos.json}) go
 * @param tasks       how many tasks an end-to-end or chaos run pushes through; empty: the command's default
 * @param projectRoot the repository checkout whose template.yaml and function jars are measured
 */
public record BenchOptions(String command, boolean quick, Path out, Optional<Integer> tasks, Path projectRoot) {

    static final String USAGE = """
            usage: java -jar infra/bench/target/microjobs-bench.jar <coldstart|intake|e2e|cost|all|chaos> [options]
              --quick          a smaller run (all: under 5 minutes on 2 cores)
              --out DIR        where to write report.json and report.md (chaos: chaos.json); required
              --tasks N        tasks for e2e, cost and chaos runs (default: 1000, chaos 2000; quick 200)
              --project DIR    the checkout to measure (default: the current directory)
            Run from the repository root after `mvn -B -DskipTests package`.""";

    /** @throws IllegalArgumentException naming the bad flag or value */
    static BenchOptions parse(List<String> args) {
        if (args.isEmpty() || !Main.COMMANDS.contains(args.get(0))) {
            throw new IllegalArgumentException(args.isEmpty() ? "no command given" : "unknown command \"" + args.get(0) + "\"");
        }
        boolean quick = false;
        Path out = null;
        Optional<Integer> tasks = Optional.empty();
        Path projectRoot = Path.of("");
        for (int i = 1; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(value(args, ++i, flag));
                case "--project" -> projectRoot = Path.of(value(args, ++i, flag));
                case "--tasks" -> tasks = Optional.of(positive(value(args, ++i, flag), flag));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        return new BenchOptions(args.get(0), quick, out, tasks, projectRoot.toAbsolutePath().normalize());
    }

    /** Tasks for an end-to-end style run: {@code --tasks}, else {@code full} or, with {@code --quick}, {@code quick}. */
    public int tasksOr(int full, int quickly) {
        return tasks.orElse(quick ? quickly : full);
    }

    private static String value(List<String> args, int index, String flag) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(index);
    }

    private static int positive(String value, String flag) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the flag's name
        }
        throw new IllegalArgumentException(flag + ": expected a positive whole number, got \"" + value + "\"");
    }
}
