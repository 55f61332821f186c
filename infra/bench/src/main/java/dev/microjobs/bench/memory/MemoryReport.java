package dev.microjobs.bench.memory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.bench.Report;
import dev.microjobs.bench.lambda.FunctionProcessStats;
import dev.microjobs.local.template.FunctionDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * The {@code memory} section: per function its peak RSS while it ran in a process of its own (from
 * {@link dev.microjobs.bench.lambda.ProcessFunctionHost#stats()}, taken during the end-to-end run)
 * against its configured Lambda memory, and the size of its shaded jar; with the targets
 * "peak RSS <= 60% of configured memory" and "every jar <= 15 MB".
 */
public final class MemoryReport {

    public static final double RSS_SHARE_TARGET = 0.60;
    public static final long JAR_LIMIT_BYTES = 15L * 1024 * 1024;
    static final String RSS_TARGET = "peakRssWithin60PercentOfMemory";
    static final String JAR_TARGET = "jarsWithin15MB";

    private MemoryReport() {
    }

    /**
     * @param functions   the template's functions (their {@code CodeUri} jars are measured even if they did not run)
     * @param stats       per function name, what its processes did; a function missing here gets no RSS figure
     * @param projectRoot what {@code CodeUri} is relative to
     */
    public static void write(Report report, Collection<FunctionDef> functions, Map<String, FunctionProcessStats> stats,
                             Path projectRoot) throws IOException {
        ObjectNode section = report.section("memory");
        ObjectNode byFunction = section.putObject("functions");
        StringBuilder markdown = new StringBuilder("## Memory\n\n")
                .append("| function | peak RSS MB | configured MB | share | jar MB |\n|---|---|---|---|---|\n");
        boolean rssMet = !stats.isEmpty();
        boolean jarsMet = true;
        String worstRss = "no function ran in a process of its own";
        double worstShare = -1;
        String biggestJar = "";
        long biggestJarBytes = -1;
        for (FunctionDef function : functions) {
            ObjectNode node = byFunction.putObject(function.logicalId());
            long jarBytes = Files.size(projectRoot.resolve(function.codeUri()));
            node.put("jarSizeBytes", jarBytes);
            node.put("jarSizeMb", round(jarBytes / 1048576.0));
            node.put("configuredMemoryMb", function.memorySizeMb());
            jarsMet &= jarBytes <= JAR_LIMIT_BYTES;
            if (jarBytes > biggestJarBytes) {
                biggestJarBytes = jarBytes;
                biggestJar = function.logicalId();
            }
            FunctionProcessStats ran = stats.get(function.logicalId());
            String rssText = "-";
            String shareText = "-";
            if (ran == null || ran.peakRssKb() == 0) {
                rssMet = false;
            } else {
                double share = ran.peakRssMb() / function.memorySizeMb();
                node.put("peakRssMb", round(ran.peakRssMb()));
                node.put("shareOfConfiguredMemory", round(share));
                node.put("processes", ran.processes());
                node.put("invocations", ran.invocations());
                rssMet &= share <= RSS_SHARE_TARGET;
                rssText = Double.toString(round(ran.peakRssMb()));
                shareText = Math.round(share * 100) + " %";
                if (share > worstShare) {
                    worstShare = share;
                    worstRss = String.format("%s %.0f MB of %d MB = %.0f %%", function.logicalId(), ran.peakRssMb(),
                            function.memorySizeMb(), share * 100);
                }
            }
            markdown.append("| ").append(function.logicalId()).append(" | ").append(rssText).append(" | ")
                    .append(function.memorySizeMb()).append(" | ").append(shareText).append(" | ")
                    .append(round(jarBytes / 1048576.0)).append(" |\n");
        }
        report.target(RSS_TARGET, rssMet, worstRss + " <= 60 %");
        report.target(JAR_TARGET, jarsMet, String.format("largest %s %.1f MB <= 15 MB", biggestJar, biggestJarBytes / 1048576.0));
        report.markdown(markdown.toString());
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
