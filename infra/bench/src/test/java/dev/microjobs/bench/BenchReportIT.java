package dev.microjobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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

/** {@code all --quick} with a small lifecycle run on the real template: the report has every figure the issue asks for. */
class BenchReportIT {

    @Test
    void allWritesIntakeEndToEndAndCostFigures(@TempDir Path out) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = Main.run(List.of("all", "--quick", "--tasks", "20", "--out", out.toString(), "--project", "../.."),
                new PrintStream(printed, true, StandardCharsets.UTF_8), System.err);

        assertEquals(0, exit, printed.toString(StandardCharsets.UTF_8));
        JsonNode report = Report.JSON.readTree(out.resolve("report.json").toFile());
        JsonNode intake = report.get("intake");
        for (String field : List.of("tasksPerSecond", "p50Ms", "p99Ms", "baselineTasksPerSecond", "ratio")) {
            assertTrue(intake.get(field).asDouble() > 0, "intake." + field + " in " + intake);
        }
        assertEquals(4, intake.get("configurations").size());
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
        JsonNode cost = report.get("cost");
        assertTrue(cost.get("usdPer1000Tasks").asDouble() > 0);
        for (String service : List.of("dynamoDb", "sqs", "lambda", "apiGateway")) {
            assertTrue(cost.get("breakdown").get(service).asDouble() > 0, "cost.breakdown." + service + " in " + cost);
        }
        assertEquals(50.0, cost.get("mturkFeeUsdPer1000Tasks").asDouble(), 1e-9, "20% of the 25-cent rewards");
        Set<String> targets = new HashSet<>();
        report.get("targets").fieldNames().forEachRemaining(targets::add);
        assertEquals(Set.of("coldStartWithin1.5xBaseline", "intakeAtLeastHalfOfRawBatchWrite", "submitToReadyP50Within250Ms",
                "costWithin2CentsPer1000Tasks", "peakRssWithin60PercentOfMemory", "jarsWithin15MB"), targets);
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Cost"));
    }
}
