package dev.microjobs.bench.e2e;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Collection;

/**
 * Summary of a set of durations in milliseconds, by the nearest-rank method: the p-th
 * percentile is the smallest value with at least p% of the values at or below it, so it is
 * always a value that was measured.
 */
public record Percentiles(int count, double p50, double p90, double p99, double max, double mean) {

    public static Percentiles of(Collection<? extends Number> values) {
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                sorted[sorted.length - 1], Arrays.stream(sorted).average().orElseThrow());
    }

    static double rank(double[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** {@code {"count":..,"p50Ms":..,...}}, milliseconds rounded to 0.1 ms. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("count", count);
        json.put("p50Ms", round(p50)).put("p90Ms", round(p90)).put("p99Ms", round(p99))
                .put("maxMs", round(max)).put("meanMs", round(mean));
        return json;
    }

    /** To a tenth, for figures in the report; NaN stays NaN. */
    public static double round(double millis) {
        return Double.isNaN(millis) ? millis : Math.round(millis * 10) / 10.0;
    }
}
