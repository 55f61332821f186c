package dev.microjobs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecentlyUsedTest {

    @Test
    void forgetsTheLeastRecentlyUsedEntryBeyondItsCapacity() {
        Map<String, Integer> map = RecentlyUsed.map(2);
        map.put("a", 1);
        map.put("b", 2);
        map.get("a");

        map.put("c", 3);

        assertEquals(Set.of("a", "c"), map.keySet());
    }
}
