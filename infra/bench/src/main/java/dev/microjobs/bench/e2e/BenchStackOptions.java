package dev.microjobs.bench.e2e;

import dev.microjobs.local.LocalStackOptions;
import java.nio.file.Path;

/**
 * The stack the throughput, lifecycle and cost benchmarks run on: the checkout's template on free
 * ports, with the per-key rate limits raised out of the way. Those limits protect a deployment
 * from one tenant's flood; a benchmark is that flood on purpose, and it measures the app's
 * capacity, not the limit. (The limiter's own DynamoDB read and write per request still happen,
 * so they are measured and priced.) Webhook URLs may be on the loopback address: the businesses
 * that take webhooks have them sent to a receiver of the benchmark's own on 127.0.0.1.
 */
public final class BenchStackOptions {

    static final String GENEROUS_LIMIT = "1000000";

    private BenchStackOptions() {
    }

    public static LocalStackOptions of(Path projectRoot) {
        return LocalStackOptions.onFreePorts()
                .withTemplate(projectRoot.resolve("template.yaml"))
                .withParameterPreference("AllowLoopbackUrls", "true")
                .withParameterPreference("BusinessRateLimitPerSecond", GENEROUS_LIMIT)
                .withParameterPreference("BusinessRateLimitBurst", GENEROUS_LIMIT)
                .withParameterPreference("WorkerRateLimitPerSecond", GENEROUS_LIMIT)
                .withParameterPreference("WorkerRateLimitBurst", GENEROUS_LIMIT);
    }
}
