package dev.microjobs.bench.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimingsTest {

    @Test
    void takesTheMiddleOfAnOddSeries() {
        assertEquals(new Timings(300, 100, 900), Timings.of(List.of(900.0, 100.0, 300.0, 250.0, 400.0)));
    }

    @Test
    void averagesTheTwoMiddlesOfAnEvenSeries() {
        assertEquals(250, Timings.of(List.of(400.0, 100.0, 200.0, 300.0)).medianMs());
    }

    @Test
    void comparesMedians() {
        assertEquals(1.5, Timings.ratio(new Timings(1500, 0, 0), new Timings(1000, 0, 0)));
    }

    @Test
    void needsAtLeastOneRun() {
        assertThrows(IllegalArgumentException.class, () -> Timings.of(List.of()));
    }
}
