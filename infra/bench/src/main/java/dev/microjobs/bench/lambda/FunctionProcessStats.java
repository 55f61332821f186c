package dev.microjobs.bench.lambda;

/**
 * What one function's processes did during a run.
 *
 * @param configuredMemoryMb the function's {@code MemorySize}
 * @param peakRssKb          the highest VmHWM of any of its processes, in KiB
 * @param processes          execution environments started: one per invocation that found none free,
 *                           plus replacements of crashed or timed-out ones
 * @param invocations        invocations run
 */
public record FunctionProcessStats(String function, int configuredMemoryMb, long peakRssKb, int processes, long invocations) {

    public double peakRssMb() {
        return peakRssKb / 1024.0;
    }
}
