package dev.microjobs.bench.coldstart;

import java.util.List;

/** Summary figures of a series of durations in milliseconds. */
record Timings(double medianMs, double minMs, double maxMs) {

    static Timings of(List<Double> millis) {
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("no timings");
        }
        List<Double> sorted = millis.stream().sorted().toList();
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return new Timings(median, sorted.get(0), sorted.get(sorted.size() - 1));
    }

    /** How many times slower {@code slowest} is than {@code baseline}, by median. */
    static double ratio(Timings slowest, Timings baseline) {
        return slowest.medianMs() / baseline.medianMs();
    }
}
