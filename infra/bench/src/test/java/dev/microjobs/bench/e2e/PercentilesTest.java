package dev.microjobs.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfAHundredValues() {
        Percentiles p = Percentiles.of(IntStream.rangeClosed(1, 100).boxed().toList());

        assertEquals(100, p.count());
        assertEquals(50, p.p50());
        assertEquals(90, p.p90());
        assertEquals(99, p.p99());
        assertEquals(100, p.max());
        assertEquals(50.5, p.mean());
    }

    @Test
    void aPercentileIsAlwaysAMeasuredValue() {
        Percentiles p = Percentiles.of(List.of(30.0, 10.0, 20.0));

        assertEquals(20, p.p50());
        assertEquals(30, p.p99());
    }

    @Test
    void oneValueIsEveryPercentile() {
        Percentiles p = Percentiles.of(List.of(7));

        assertEquals(7, p.p50());
        assertEquals(7, p.p99());
    }

    @Test
    void noValuesGiveNoFigures() {
        Percentiles p = Percentiles.of(List.<Double>of());

        assertEquals(0, p.count());
        assertTrue(Double.isNaN(p.p50()));
    }

    @Test
    void jsonRoundsToATenthOfAMillisecond() {
        assertEquals(12.3, Percentiles.of(List.of(12.34)).toJson().get("p50Ms").asDouble());
    }
}
