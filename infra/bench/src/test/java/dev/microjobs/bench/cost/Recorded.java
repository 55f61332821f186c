package dev.microjobs.bench.cost;

import dev.microjobs.bench.Eventually;
import java.time.Duration;
import java.util.List;

/** The proxy meters a request just after answering it, so a test that has its answer waits for the meter. */
final class Recorded {

    private Recorded() {
    }

    /** The operations of {@code service} metered so far, once they hold {@code requests} requests (or after 10 s). */
    static List<Usage.Operation> operations(Meter meter, String service, int requests) throws InterruptedException {
        Eventually.waitFor(() -> meter.usage().of(service).stream().mapToLong(Usage.Operation::requests).sum() >= requests,
                Duration.ofSeconds(10));
        return meter.usage().of(service);
    }
}
