package dev.microjobs.aws.faults;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How many faults this JVM injected, by kind: a chaos run reports them beside its outcome. JVM-wide
 * because every handler of the local stack builds its own clients in the same process.
 */
public final class InjectedFaults {

    public enum Kind { THROTTLING, SERVER_ERROR, TIMEOUT_AFTER_SEND, CRASH_AFTER_WRITE }

    private static final AtomicLongArray COUNTS = new AtomicLongArray(Kind.values().length);

    private InjectedFaults() {
    }

    static void record(Kind kind) {
        COUNTS.incrementAndGet(kind.ordinal());
    }

    public static Map<Kind, Long> counts() {
        Map<Kind, Long> counts = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            counts.put(kind, COUNTS.get(kind.ordinal()));
        }
        return counts;
    }

    public static long total() {
        return counts().values().stream().mapToLong(Long::longValue).sum();
    }
}
