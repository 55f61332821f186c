package dev.microjobs.bench.cost;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** The proxy meters a request just after answering it, so a test that has its answer waits for the meter. */
final class Recorded {

    private Recorded() {
    }

    /** The operations of {@code service} metered so far, once they hold {@code requests} requests (or after 10 s). */
    static List<Usage.Operation> operations(Meter meter, String service, int requests) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Usage.Operation> operations = meter.usage().of(service);
        while (operations.stream().mapToLong(Usage.Operation::requests).sum() < requests && System.nanoTime() < deadline) {
            Thread.sleep(10);
            operations = meter.usage().of(service);
        }
        return operations;
    }
}
