package dev.microjobs.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a function instance remembers between requests (credentials found, rate-limit buckets):
 * a map safe for concurrent requests that keeps at most a fixed number of entries, forgetting
 * the least recently used, so no stream of callers can grow an instance's memory without bound.
 */
public final class RecentlyUsed {

    private RecentlyUsed() {
    }

    /** A synchronized map of at most {@code capacity} entries; each single call is atomic. */
    public static <K, V> Map<K, V> map(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }
}
