package dev.microjobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.bench.coldstart.ColdStartBenchmark;
import dev.microjobs.bench.intake.IntakeBenchmark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code all --quick} on the real template, scaled down where the full quick run would crowd the
 * chaos run that shares the build's two cores: cold starts of one function (two runs of it and
 * of the bare baseline, where the quick run starts 35 JVMs), intake with 2 and 4 clients (64
 * clients posting 100-task jobs beside the chaos run outlast the function's timeout), and a
 * 20-task lifecycle. The report has every figure the issue asks for.
 */
class BenchReportIT {

    @Test
    void allWritesColdStartIntakeEndToEndAndCostFigures(@TempDir Path out) throws Exception {
        BenchOptions options = BenchOptions.parse(
                List.of("all", "--quick", "--tasks", "20", "--out", out.toString(), "--project", "../.."));
        List<Benchmark> benchmarks = Main.benchmarks("all").stream()
                .map(benchmark -> benchmark instanceof ColdStartBenchmark ? new ColdStartBenchmark(2, Set.of("ReviewFunction"))
                        : benchmark instanceof IntakeBenchmark ? new IntakeBenchmark(List.of(2, 4)) : benchmark)
                .toList();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = Main.measure(options, benchmarks, new PrintStream(printed, true, StandardCharsets.UTF_8), System.err);

        assertEquals(0, exit, printed.toString(StandardCharsets.UTF_8));
        JsonNode report = Report.JSON.readTree(out.resolve("report.json").toFile());
        JsonNode coldStart = report.get("coldStart");
        JsonNode review = coldStart.get("functions").get("ReviewFunction");
        assertEquals(2, review.get("validRuns").asInt(), coldStart.toString());
        assertEquals(2, review.get("runsMs").size());
        assertTrue(review.get("initMedianMs").asDouble() > 0 && review.get("initMedianMs").asDouble() < review.get("medianMs").asDouble());
        assertTrue(coldStart.get("baselineMedianMs").asDouble() > 0);
        assertEquals("ReviewFunction", coldStart.get("slowestFunction").asText());
        assertEquals(review.get("medianMs").asDouble() / coldStart.get("baselineMedianMs").asDouble(),
                coldStart.get("ratio").asDouble(), 0.01);
        JsonNode intake = report.get("intake");
        for (String field : List.of("tasksPerSecond", "p50Ms", "p99Ms", "baselineTasksPerSecond", "ratio")) {
            assertTrue(intake.get(field).asDouble() > 0, "intake." + field + " in " + intake);
        }
        assertEquals(4, intake.get("configurations").size());
        assertTrue(intake.get("draftMessagesWaiting").asLong() > 0, "accepted tasks wait undrafted: " + intake);
        JsonNode e2e = report.get("e2e");
        assertEquals(20, e2e.get("tasks").asInt());
        assertTrue(e2e.get("allPaid").asBoolean());
        assertTrue(e2e.get("ledgerConserved").asBoolean());
        assertTrue(e2e.get("tasksPerSecond").asDouble() > 0);
        assertTrue(e2e.get("submitToReadyP50Ms").asDouble() > 0);
        for (String stage : List.of("submitToReady", "readyToClaimed", "claimedToHandedIn", "handedInToApproved",
                "approvedToPaid", "submitToPaid")) {
            assertEquals(20, e2e.get("stages").get(stage).get("count").asInt(), stage);
            assertTrue(e2e.get("stages").get(stage).has("p99Ms"), stage);
        }
        JsonNode idleJob = e2e.get("idleJob");
        assertEquals(20, idleJob.get("tasks").asInt(), idleJob.toString());
        assertTrue(idleJob.get("submitToReady").get("p50Ms").asDouble() > 0, idleJob.toString());
        JsonNode cost = report.get("cost");
        assertTrue(cost.get("usdPer1000Tasks").asDouble() > 0);
        for (String service : List.of("dynamoDb", "sqs", "lambda", "apiGateway")) {
            assertTrue(cost.get("breakdown").get(service).asDouble() > 0, "cost.breakdown." + service + " in " + cost);
        }
        assertEquals(50.0, cost.get("mturkFeeUsdPer1000Tasks").asDouble(), 1e-9, "20% of the 25-cent rewards");
        for (JsonNode operation : cost.get("operations")) {
            assertEquals(operation.get("requests").asLong(), operation.get("latency").get("count").asLong(), operation.toString());
            assertTrue(operation.get("latency").get("p50Ms").asDouble() > 0, operation.toString());
        }
        Set<String> targets = new HashSet<>();
        report.get("targets").fieldNames().forEachRemaining(targets::add);
        assertEquals(Set.of("coldStartWithin1.5xBaseline", "intakeAtLeastHalfOfRawBatchWrite", "submitToReadyP50Within250Ms",
                "costWithin2CentsPer1000Tasks", "peakRssWithin60PercentOfMemory", "jarsWithin15MB"), targets);
        JsonNode runSeconds = report.get("runSeconds");
        for (String benchmark : List.of("ColdStartBenchmark", "IntakeBenchmark", "EndToEndBenchmark")) {
            assertTrue(runSeconds.get(benchmark).asDouble() > 0, "runSeconds." + benchmark + " in " + runSeconds);
        }
        assertTrue(runSeconds.get("total").asDouble() >= runSeconds.get("EndToEndBenchmark").asDouble() - 1, runSeconds.toString());
        String markdown = Files.readString(out.resolve("report.md"));
        assertTrue(markdown.contains("## Cost"));
        assertTrue(markdown.contains("| ReviewFunction |"));
    }
}
