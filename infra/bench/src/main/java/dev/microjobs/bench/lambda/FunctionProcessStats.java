package dev.microjobs.bench.lambda;

import java.util.List;

/**
 * What one function's processes did during a run.
 *
 * @param configuredMemoryMb the function's {@code MemorySize}
 * @param peakRssKb          the highest VmHWM of any of its processes, in KiB
 * @param processes          execution environments started (1 unless one crashed or timed out)
 * @param invocationMillis   the duration of each invocation as its caller saw it, in order
 */
public record FunctionProcessStats(String function, int configuredMemoryMb, long peakRssKb, int processes,
                                   List<Long> invocationMillis) {

    public FunctionProcessStats {
        invocationMillis = List.copyOf(invocationMillis);
    }

    public double peakRssMb() {
        return peakRssKb / 1024.0;
    }
}
