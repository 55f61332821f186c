package dev.microjobs.bench.cost;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code cost} section of the report: what a metered run would cost on AWS per 1,000 tasks,
 * by service, with the per-task counts behind it, beside Mechanical Turk's fee on the same rewards.
 */
public final class CostReport {

    public static final double TARGET_USD_PER_1000_TASKS = 0.02;

    /** Dollars per service for the run, and the two headline figures. */
    public record Figures(Map<String, Double> dollarsByService, double usdPer1000Tasks, double mturkFeeUsdPer1000Tasks) {
    }

    private CostReport() {
    }

    /**
     * @param tasks            tasks that went the whole way (the divisor)
     * @param rewardUsd        reward of each task
     * @param assignmentsInHit assignments per input, as MTurk would see the job
     */
    public static Figures figures(Usage usage, PriceTable prices, long tasks, double rewardUsd, int assignmentsInHit) {
        Map<String, Double> dollars = prices.price(usage);
        double total = dollars.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Figures(dollars, per1000(total, tasks), MechanicalTurkFee.perAssignment(rewardUsd, assignmentsInHit) * 1000);
    }

    public static void write(ObjectNode section, Usage usage, PriceTable prices, long tasks, double rewardUsd,
                             int assignmentsInHit) {
        Figures figures = figures(usage, prices, tasks, rewardUsd, assignmentsInHit);
        section.put("tasks", tasks);
        section.put("usdPer1000Tasks", figures.usdPer1000Tasks());
        ObjectNode breakdown = section.putObject("breakdown");
        figures.dollarsByService().forEach((service, dollars) -> breakdown.put(service, per1000(dollars, tasks)));
        section.put("mturkFeeUsdPer1000Tasks", figures.mturkFeeUsdPer1000Tasks());
        section.put("rewardUsdPerTask", rewardUsd);
        section.put("assignmentsPerHit", assignmentsInHit);
        ObjectNode perTask = section.putObject("perTask");
        perTask.put("dynamoDbRequests", perTask(usage.of("dynamodb").stream().mapToLong(Usage.Operation::requests).sum(), tasks));
        perTask.put("dynamoDbWriteUnits", perTask(usage.of("dynamodb").stream().mapToDouble(Usage.Operation::writeUnits).sum(), tasks));
        perTask.put("dynamoDbReadUnits", perTask(usage.of("dynamodb").stream().mapToDouble(Usage.Operation::readUnits).sum(), tasks));
        perTask.put("sqsBilledRequests", perTask(usage.of("sqs").stream().mapToLong(Usage.Operation::billedRequests).sum(), tasks));
        perTask.put("invocations", perTask(usage.functions().stream().mapToLong(Usage.Function::invocations).sum(), tasks));
        perTask.put("lambdaGbSeconds", perTask(usage.functions().stream().mapToDouble(Usage.Function::gigabyteSeconds).sum(), tasks));
        perTask.put("apiRequests", perTask(usage.apiRequests(), tasks));
        perTask.put("estimatedItemWriteUnits", perTask(usage.estimated().itemUnits(), tasks));
        perTask.put("estimatedIndexWriteUnits", perTask(usage.estimated().indexUnits(), tasks));
        ArrayNode operations = section.putArray("operations");
        usage.operations().forEach(o -> operations.addObject()
                .put("service", o.service()).put("operation", o.operation())
                .put("requests", o.requests()).put("billedRequests", o.billedRequests())
                .put("requestsPerTask", perTask(o.requests(), tasks))
                .put("idleReceives", o.idle()).put("failed", o.failed())
                .put("readUnits", o.readUnits()).put("writeUnits", o.writeUnits())
                .set("latency", o.latency().toJson()));
        ArrayNode functions = section.putArray("functions");
        usage.functions().forEach(f -> functions.addObject()
                .put("function", f.name()).put("memoryMb", f.memoryMb()).put("invocations", f.invocations())
                .put("billedMs", f.billedMillis()).put("gbSeconds", f.gigabyteSeconds()));
        ArrayNode triggers = section.putArray("invocationsByTrigger");
        usage.triggers().forEach(t -> triggers.addObject()
                .put("function", t.function()).put("trigger", t.trigger()).put("invocations", t.duration().count())
                .put("billedMs", t.billedMillis()).set("duration", t.duration().toJson()));
        ArrayNode byCaller = section.putArray("requestsByCaller");
        usage.byCaller().forEach(c -> byCaller.addObject()
                .put("caller", c.caller()).put("service", c.service()).put("operation", c.operation())
                .put("requests", c.requests()).put("requestsPerTask", perTask(c.requests(), tasks))
                .put("readUnitsPerTask", perTask(c.readUnits(), tasks)).put("writeUnitsPerTask", perTask(c.writeUnits(), tasks)));
        section.put("idleSqsReceives", usage.of("sqs").stream().mapToLong(Usage.Operation::idle).sum());
        section.set("prices", prices.toJson());
    }

    /** A Markdown section for report.md. */
    public static String markdown(Usage usage, PriceTable prices, long tasks, double rewardUsd, int assignmentsInHit) {
        Figures figures = figures(usage, prices, tasks, rewardUsd, assignmentsInHit);
        StringBuilder text = new StringBuilder("## Cost\n\n");
        text.append(String.format(Locale.ROOT, "%d tasks through the whole lifecycle: **$%.4f per 1,000 tasks** on AWS "
                        + "(us-east-1, arm64, on-demand), against Mechanical Turk's fee of $%.2f per 1,000 tasks on the same "
                        + "$%.2f rewards.%n%n| service | $ per 1,000 tasks |%n|---|---|%n",
                tasks, figures.usdPer1000Tasks(), figures.mturkFeeUsdPer1000Tasks(), rewardUsd));
        figures.dollarsByService().forEach((service, dollars) ->
                text.append(String.format(Locale.ROOT, "| %s | %.5f |%n", service, per1000(dollars, tasks))));
        text.append("\n| service | operation | requests per task | read units | write units | p50 ms | p99 ms |\n"
                + "|---|---|---|---|---|---|---|\n");
        usage.operations().forEach(o -> text.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.0f | %.0f | %.1f | %.1f |%n",
                o.service(), o.operation(), perTask(o.requests(), tasks), o.readUnits(), o.writeUnits(),
                o.latency().p50(), o.latency().p99())));
        text.append("\nLatency is from the metering proxy sending a request to DynamoDB Local or ElasticMQ to its answer: "
                + "their work and their queues, not the functions'. SQS receives include their long polls.\n");
        text.append("\n| function | memory MB | invocations per task | billed ms | GB-s |\n|---|---|---|---|---|\n");
        usage.functions().forEach(f -> text.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %d | %.2f |%n",
                f.name(), f.memoryMb(), perTask(f.invocations(), tasks), f.billedMillis(), f.gigabyteSeconds())));
        text.append("\nWho sends them: each function's requests (SQS without idle receives), per task.\n"
                + "\n| caller | service | operation | requests | read units | write units |\n|---|---|---|---|---|---|\n");
        usage.byCaller().forEach(c -> text.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.2f |%n",
                c.caller(), c.service(), c.operation(), perTask(c.requests(), tasks), perTask(c.readUnits(), tasks),
                perTask(c.writeUnits(), tasks))));
        text.append("\nWhere the billed time goes: each function's invocations by what triggered them, most billed first.\n"
                + "\n| function | trigger | invocations per task | billed ms | p50 ms | p99 ms |\n|---|---|---|---|---|---|\n");
        usage.triggers().forEach(t -> text.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %d | %.1f | %.1f |%n",
                t.function(), t.trigger(), perTask(t.duration().count(), tasks), t.billedMillis(),
                t.duration().p50(), t.duration().p99())));
        return text.toString();
    }

    static double per1000(double dollars, long tasks) {
        return tasks == 0 ? Double.NaN : dollars / tasks * 1000;
    }

    private static double perTask(double count, long tasks) {
        return tasks == 0 ? Double.NaN : Math.round(count / tasks * 1000) / 1000.0;
    }
}
