package dev.microjobs.core.ports;

/**
 * Operational metrics (tasks created, draft latency, payout failures, ...). The AWS side writes
 * them as CloudWatch Embedded Metric Format lines; see the README for names and dimensions.
 */
public interface Metrics {

    void count(String name, long value);

    void milliseconds(String name, long value);
}
