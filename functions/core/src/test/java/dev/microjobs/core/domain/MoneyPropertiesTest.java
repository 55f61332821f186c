package dev.microjobs.core.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class MoneyPropertiesTest {

    private static final long LARGE = 1_000_000_000_000L;

    @Property
    boolean basisPointsMatchBigDecimalHalfUp(
            @ForAll @LongRange(min = -LARGE, max = LARGE) long amount,
            @ForAll @IntRange(min = 0, max = 100_000) int bps) {
        long expected = BigDecimal.valueOf(amount)
                .multiply(BigDecimal.valueOf(bps))
                .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP)
                .longValueExact();
        return new Money(amount, "USD").basisPoints(bps).amount() == expected;
    }

    @Property
    boolean minusUndoesPlus(
            @ForAll @LongRange(min = -LARGE, max = LARGE) long a,
            @ForAll @LongRange(min = -LARGE, max = LARGE) long b) {
        Money x = new Money(a, "EUR");
        Money y = new Money(b, "EUR");
        return x.plus(y).minus(y).equals(x);
    }

    /** The escrow arithmetic: holding (reward + fee) x n and releasing it n times leaves zero. */
    @Property
    boolean escrowForEveryTaskIsReleasedExactly(
            @ForAll @LongRange(min = 0, max = 1_000_000) long reward,
            @ForAll @IntRange(min = 0, max = 10_000) int feeBps,
            @ForAll @IntRange(min = 1, max = 5_000) int tasks) {
        Money perTask = new Money(reward, "USD");
        Money fee = perTask.basisPoints(feeBps);
        Money hold = perTask.plus(fee).times(tasks);
        Money left = hold;
        for (int i = 0; i < tasks; i++) {
            left = left.minus(perTask).minus(fee);
        }
        return left.isZero();
    }
}
