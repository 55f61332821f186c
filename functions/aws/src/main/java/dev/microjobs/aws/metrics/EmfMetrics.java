package dev.microjobs.aws.metrics;

import dev.microjobs.core.ports.Metrics;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.time.Clock;

/**
 * Metrics as CloudWatch Embedded Metric Format: one JSON line on stdout per data point, which
 * CloudWatch Logs turns into a metric in namespace {@value #NAMESPACE} with the dimension
 * {@code function}. No API call, no buffering: nothing is lost when the execution environment is frozen.
 */
@Singleton
public class EmfMetrics implements Metrics {
    public static final String NAMESPACE = "microjobs";
    private static final String FUNCTION_NAME = System.getenv("AWS_LAMBDA_FUNCTION_NAME");

    private final Clock clock;

    public EmfMetrics(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void count(String name, long value) {
        System.out.println(line(name, "Count", value, clock.millis(), function(), MDC.get("requestId")));
    }

    @Override
    public void milliseconds(String name, long value) {
        System.out.println(line(name, "Milliseconds", value, clock.millis(), function(), MDC.get("requestId")));
    }

    /** The EMF document of one value; {@code requestId} (when known) is a property, not a dimension. */
    static String line(String name, String unit, long value, long timestampMillis, String function, String requestId) {
        requireMetricName(name);
        StringBuilder line = new StringBuilder(256)
                .append("{\"_aws\":{\"Timestamp\":").append(timestampMillis)
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":\"").append(NAMESPACE)
                .append("\",\"Dimensions\":[[\"function\"]],\"Metrics\":[{\"Name\":\"").append(name)
                .append("\",\"Unit\":\"").append(unit).append("\"}]}]},\"function\":");
        quote(line, function);
        if (requestId != null) {
            line.append(",\"requestId\":");
            quote(line, requestId);
        }
        return line.append(",\"").append(name).append("\":").append(value).append('}').toString();
    }

    private static String function() {
        String fromInvocation = MDC.get("function");
        return fromInvocation != null ? fromInvocation : FUNCTION_NAME != null ? FUNCTION_NAME : "unknown";
    }

    private static void requireMetricName(String name) {
        if (!name.matches("[A-Za-z][A-Za-z0-9]{0,254}")) {
            throw new IllegalArgumentException("metric names here are alphanumeric: " + name);
        }
    }

    private static void quote(StringBuilder line, String text) {
        line.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
}
