package dev.microjobs.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a function instance found and goes on using for a fixed time instead of reading it for
 * every request (credentials, worker profiles, jobs), at most a fixed number of entries (see
 * {@link RecentlyUsed}). Only what was found is remembered: a key found missing is looked up
 * again next time, so nothing created a moment later is hidden.
 */
public final class Remembered<K, V> {

    private record Entry<V>(V value, Instant until) {
    }

    private final Map<K, Entry<V>> entries;
    private final Duration keptFor;
    private final Clock clock;

    public Remembered(Duration keptFor, int capacity, Clock clock) {
        this.entries = RecentlyUsed.map(capacity);
        this.keptFor = keptFor;
        this.clock = clock;
    }

    /** The value remembered for {@code key} if still fresh, else what {@code lookup} finds now. */
    public Optional<V> get(K key, Function<K, Optional<V>> lookup) {
        Instant now = clock.instant();
        Entry<V> known = entries.get(key);
        if (known != null && now.isBefore(known.until())) {
            return Optional.of(known.value());
        }
        Optional<V> found = lookup.apply(key);
        found.ifPresent(value -> entries.put(key, new Entry<>(value, now.plus(keptFor))));
        return found;
    }
}
