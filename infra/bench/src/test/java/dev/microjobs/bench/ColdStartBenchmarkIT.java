package dev.microjobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.bench.coldstart.ColdStartBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two cold starts of the review function and of the bare baseline, in real processes against a real stack. */
class ColdStartBenchmarkIT {

    /** Failsafe runs in infra/bench; the template, events and jars are at the repository root. */
    private static final Path PROJECT_ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void measuresFunctionsAndBaselineAndReportsTheRatio(@TempDir Path out) throws Exception {
        BenchOptions options = new BenchOptions("coldstart", true, out, Optional.empty(), PROJECT_ROOT);
        Report report = new Report(options, Machine.current());

        new ColdStartBenchmark(2, Set.of("ReviewFunction")).run(options, report);
        report.write(out);

        JsonNode coldStart = Report.JSON.readTree(Files.readString(out.resolve("report.json"))).get("coldStart");
        JsonNode review = coldStart.get("functions").get("ReviewFunction");
        assertEquals(2, review.get("validRuns").asInt(), coldStart.toString());
        assertEquals(2, review.get("runsMs").size());
        assertTrue(review.get("initMedianMs").asDouble() > 0 && review.get("initMedianMs").asDouble() < review.get("medianMs").asDouble());
        assertTrue(coldStart.get("baselineMedianMs").asDouble() > 0);
        assertEquals("ReviewFunction", coldStart.get("slowestFunction").asText());
        assertEquals(review.get("medianMs").asDouble() / coldStart.get("baselineMedianMs").asDouble(), coldStart.get("ratio").asDouble(), 0.01);
        assertTrue(report.targets().containsKey("coldStartWithin1.5xBaseline"));
        assertTrue(Files.readString(out.resolve("report.md")).contains("| ReviewFunction |"));
    }
}
