package dev.microjobs.local.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.microjobs.local.LocalStackException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateExpressionTest {

    @Test
    void readsRates() {
        assertEquals(Duration.ofMinutes(1), RateExpression.parse("rate(1 minute)", "X"));
        assertEquals(Duration.ofHours(6), RateExpression.parse("rate(6 hours)", "X"));
        assertEquals(Duration.ofDays(2), RateExpression.parse(" rate(2 days) ", "X"));
    }

    @Test
    void refusesCronWithTheLocation() {
        LocalStackException error = assertThrows(LocalStackException.class,
                () -> RateExpression.parse("cron(0 12 * * ? *)", "Resources.Sweeper.Properties.Events.Tick.Properties"));
        assertEquals("Resources.Sweeper.Properties.Events.Tick.Properties: cron schedules are not supported by the local stack,"
                + " only rate(N minutes|hours|days)", error.getMessage());
        assertThrows(LocalStackException.class, () -> RateExpression.parse("rate(0 minutes)", "X"));
        assertThrows(LocalStackException.class, () -> RateExpression.parse("rate(5 seconds)", "X"));
    }
}
