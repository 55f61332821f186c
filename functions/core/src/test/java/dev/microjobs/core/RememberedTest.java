package dev.microjobs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.microjobs.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RememberedTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Map<String, String> store = new HashMap<>(Map.of("a", "first"));
    private int lookups;

    private Optional<String> lookUp(String key) {
        lookups++;
        return Optional.ofNullable(store.get(key));
    }

    @Test
    void aValueFoundIsUsedUntilItsTimeIsUpAndThenLookedUpAgain() {
        Remembered<String, String> remembered = new Remembered<>(Duration.ofMinutes(1), 10, clock);

        assertEquals(Optional.of("first"), remembered.get("a", this::lookUp));
        store.put("a", "second");
        clock.advance(Duration.ofSeconds(59));
        assertEquals(Optional.of("first"), remembered.get("a", this::lookUp));
        assertEquals(1, lookups);

        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.of("second"), remembered.get("a", this::lookUp));
        assertEquals(2, lookups);
    }

    @Test
    void aKeyFoundMissingIsLookedUpAgainNextTime() {
        Remembered<String, String> remembered = new Remembered<>(Duration.ofMinutes(1), 10, clock);

        assertEquals(Optional.empty(), remembered.get("b", this::lookUp));
        store.put("b", "created");
        assertEquals(Optional.of("created"), remembered.get("b", this::lookUp));
        assertEquals(2, lookups);
    }

    @Test
    void beyondItsCapacityTheLeastRecentlyUsedIsForgotten() {
        store.put("b", "bee");
        store.put("c", "sea");
        Remembered<String, String> remembered = new Remembered<>(Duration.ofMinutes(1), 2, clock);
        remembered.get("a", this::lookUp);
        remembered.get("b", this::lookUp);
        remembered.get("a", this::lookUp);
        remembered.get("c", this::lookUp);

        remembered.get("a", this::lookUp);
        assertEquals(3, lookups, "a was used last of the first two, so b made room for c");
        remembered.get("b", this::lookUp);
        assertEquals(4, lookups);
    }
}
