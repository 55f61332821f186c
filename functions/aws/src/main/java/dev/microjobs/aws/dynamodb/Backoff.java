package dev.microjobs.aws.dynamodb;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter between retries of throttled or conflicting writes. */
final class Backoff {
    private static final long BASE_MILLIS = 20;
    private static final long CAP_MILLIS = 1_000;

    private Backoff() {
    }

    static void sleep(int attempt) {
        long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
