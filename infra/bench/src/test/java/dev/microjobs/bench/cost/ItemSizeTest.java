package dev.microjobs.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ItemSizeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void namesAndValuesCount() throws Exception {
        assertEquals(2 + 3, ItemSize.bytes(JSON.readTree("{\"pk\":{\"S\":\"abc\"}}")));
        assertEquals(4 + 1, ItemSize.bytes(JSON.readTree("{\"done\":{\"BOOL\":true}}")));
        assertEquals(1 + 4, ItemSize.bytes(JSON.readTree("{\"n\":{\"N\":\"12345\"}}")), "five digits: three bytes, and one more");
        assertEquals(2 + 2 + 2 + 2, ItemSize.bytes(JSON.readTree("{\"bs\":{\"B\":\"AAE=\"}, \"ss\":{\"SS\":[\"a\",\"b\"]}}")),
                "two bytes of binary, a set of two one-byte strings");
        assertEquals(1 + 3 + (1 + 1) + (1 + 1), ItemSize.bytes(JSON.readTree("{\"l\":{\"L\":[{\"S\":\"a\"},{\"S\":\"b\"}]}}")),
                "a list: three bytes, and each element with one more");
        assertEquals(1 + 3 + (1 + 1 + 1), ItemSize.bytes(JSON.readTree("{\"m\":{\"M\":{\"k\":{\"S\":\"v\"}}}}")),
                "a map: three bytes, and each entry's name and value with one more");
    }

    @Test
    void unitsArePerStartedKilobyteAndAtLeastOne() {
        assertEquals(1, ItemSize.kilobyteUnits(0));
        assertEquals(1, ItemSize.kilobyteUnits(1024));
        assertEquals(2, ItemSize.kilobyteUnits(1025));
        assertEquals(3, ItemSize.kilobyteUnits(2500));
    }
}
