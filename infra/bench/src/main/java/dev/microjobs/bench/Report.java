package dev.microjobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run found: one JSON object per benchmark ({@code coldStart}, {@code intake}, {@code e2e},
 * {@code cost}, {@code memory}), the targets as name → met, and a Markdown rendering for people.
 * Missed targets are reported, never thrown: a benchmark informs, it does not fail the build.
 */
public final class Report {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A target's outcome with the figures it compared, e.g. {@code "1.32x <= 1.5x"}. */
    public record Target(boolean met, String comparison) {
    }

    private final ObjectNode root = JSON.createObjectNode();
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final List<String> markdownSections = new ArrayList<>();

    Report(BenchOptions options, Machine machine) {
        root.put("command", options.command());
        root.put("quick", options.quick());
        root.put("startedAt", Instant.now().toString());
        root.set("machine", JSON.valueToTree(machine));
    }

    /** The JSON object of one benchmark, created on first use. */
    public ObjectNode section(String name) {
        return root.has(name) ? (ObjectNode) root.get(name) : root.putObject(name);
    }

    public void target(String name, boolean met, String comparison) {
        targets.put(name, new Target(met, comparison));
    }

    /** A Markdown section (heading included) for report.md, in the order benchmarks ran. */
    public void markdown(String section) {
        markdownSections.add(section.strip());
    }

    /** How long a benchmark (or a part of one) took, in report.json's {@code runSeconds}: {@code --quick} has a time budget to keep. */
    public void ran(String benchmark, Duration took) {
        ObjectNode runSeconds = section("runSeconds");
        runSeconds.put(benchmark, Math.round(took.toMillis() / 100.0) / 10.0);
    }

    public Map<String, Target> targets() {
        return Map.copyOf(targets);
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        ObjectNode targetNode = root.putObject("targets");
        targets.forEach((name, target) -> targetNode.put(name, target.met()));
        Instant finished = Instant.now();
        root.put("finishedAt", finished.toString());
        section("runSeconds").put("total", Duration.between(Instant.parse(root.get("startedAt").asText()), finished).toSeconds());
        Files.writeString(directory.resolve("report.json"), JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
    }

    private String markdown() {
        StringBuilder text = new StringBuilder("# microjobs benchmark report\n\n");
        text.append("Command `").append(root.get("command").asText()).append(root.get("quick").asBoolean() ? " --quick" : "")
                .append("`, started ").append(root.get("startedAt").asText()).append(", on ")
                .append(root.get("machine").get("description").asText()).append(", took ")
                .append(root.get("runSeconds").get("total").asLong()).append(" s.\n\n");
        text.append("## Targets\n\n| target | met | measured |\n|---|---|---|\n");
        targets.forEach((name, target) -> text.append("| ").append(name).append(" | ")
                .append(target.met() ? "yes" : "**no**").append(" | ").append(target.comparison()).append(" |\n"));
        markdownSections.forEach(section -> text.append('\n').append(section).append('\n'));
        return text.toString();
    }
}
