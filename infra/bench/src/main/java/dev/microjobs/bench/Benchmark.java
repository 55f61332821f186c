package dev.microjobs.bench;

/** One command of the benchmark jar: measures, then records sections, targets and Markdown in the report. */
public interface Benchmark {

    void run(BenchOptions options, Report report) throws Exception;
}
