package dev.microjobs.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** For tests of what the code under test finishes on threads of its own, after the call that started it returned. */
public final class Eventually {

    private Eventually() {
    }

    /** Asks every 10 ms until {@code condition} holds or {@code limit} has passed; the caller asserts what it then finds. */
    public static void waitFor(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
