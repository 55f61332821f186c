package dev.microjobs.bench.cost;

import dev.microjobs.bench.e2e.Percentiles;
import java.util.List;

/**
 * What a {@link Meter} counted.
 *
 * @param operations  per service and operation
 * @param functions   per function
 * @param triggers    per function and trigger, most billed first
 * @param byCaller    requests per caller and operation
 * @param apiRequests HTTP API requests (each one invocation of an HTTP-triggered function)
 * @param estimated   what the write units worked out from the items written (transactions, PartiQL updates) are made of
 */
public record Usage(List<Operation> operations, List<Function> functions, List<Trigger> triggers,
                    List<CallerOperation> byCaller, long apiRequests, WriteCost.Units estimated) {

    /**
     * @param requests       requests sent
     * @param billedRequests SQS: requests as billed (64 KB chunks, idle receives left out); DynamoDB: requests
     * @param idle           SQS receives that found nothing
     * @param failed         requests answered with an error (a failed condition, a cancelled transaction)
     * @param readUnits      DynamoDB read request units
     * @param writeUnits     DynamoDB write request units
     * @param latency        how long the requests took to be answered, as the metering proxy saw them
     */
    public record Operation(String service, String operation, long requests, long billedRequests, long idle, long failed,
                            double readUnits, double writeUnits, Percentiles latency) {
    }

    /** @param billedMillis the sum of the invocations' durations, each rounded up to the millisecond */
    public record Function(String name, int memoryMb, long invocations, long billedMillis) {

        public double gigabyteSeconds() {
            return memoryMb / 1024.0 * billedMillis / 1000.0;
        }
    }

    /**
     * The invocations of one function from one trigger.
     *
     * @param trigger      the HTTP route (as {@code POST /v1/worker/claims}) or {@code SQS <queue>}
     * @param billedMillis the sum of their durations, each rounded up to the millisecond
     * @param duration     their durations
     */
    public record Trigger(String function, String trigger, long billedMillis, Percentiles duration) {
    }

    /**
     * The requests of one operation that one caller sent.
     *
     * @param caller   the function that sent them, or {@link MeteringProxy#NO_FUNCTION} (Lambda's SQS pollers)
     * @param requests requests sent (SQS: billed requests, without idle receives)
     */
    public record CallerOperation(String caller, String service, String operation, long requests, double readUnits,
                                  double writeUnits) {
    }

    public List<Operation> of(String service) {
        return operations.stream().filter(o -> o.service().equals(service)).toList();
    }
}
