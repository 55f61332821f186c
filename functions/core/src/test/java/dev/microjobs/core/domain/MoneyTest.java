package dev.microjobs.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    private static Money usd(long cents) {
        return new Money(cents, "USD");
    }

    @Test
    void addsAndSubtractsInTheSameCurrency() {
        assertEquals(usd(40), usd(25).plus(usd(15)));
        assertEquals(usd(-5), usd(10).minus(usd(15)));
    }

    @Test
    void refusesToMixCurrencies() {
        var e = assertThrows(IllegalArgumentException.class, () -> usd(25).plus(new Money(25, "EUR")));
        assertTrue(e.getMessage().contains("USD 0.25") && e.getMessage().contains("EUR 0.25"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> usd(25).minus(new Money(25, "EUR")));
    }

    @Test
    void multipliesAndDetectsOverflow() {
        assertEquals(usd(2_500), usd(25).times(100));
        var e = assertThrows(ArithmeticException.class, () -> usd(Long.MAX_VALUE / 2 + 1).times(2));
        assertTrue(e.getMessage().contains("overflow"), e.getMessage());
        assertThrows(ArithmeticException.class, () -> usd(Long.MAX_VALUE).plus(usd(1)));
        assertThrows(ArithmeticException.class, () -> usd(Long.MIN_VALUE).minus(usd(1)));
    }

    @ParameterizedTest(name = "{1} bps of {0} = {2}")
    @CsvSource({
        "25, 2000, 5", // 20 % of 25 cents: exact
        "25, 1000, 3", // 2.5 cents rounds half up
        "24, 1000, 2", // 2.4 cents rounds down
        "1, 4999, 0", // 0.4999 cents rounds down
        "1, 5000, 1", // exactly half rounds up
        "-25, 1000, -3", // halves go away from zero for refunds too
        "1000, 0, 0",
        "0, 10000, 0",
        "199, 10000, 199", // 100 %
        "333, 15000, 500", // 499.5 rounds up
    })
    void computesBasisPointsRoundingHalfUp(long amount, int bps, long expected) {
        assertEquals(usd(expected), usd(amount).basisPoints(bps));
    }

    @Test
    void rejectsNegativeBasisPointsAndOverflowingFees() {
        assertThrows(IllegalArgumentException.class, () -> usd(100).basisPoints(-1));
        assertThrows(ArithmeticException.class, () -> usd(Long.MAX_VALUE).basisPoints(2));
    }

    @Test
    void knowsItsSign() {
        assertTrue(usd(-1).isNegative());
        assertFalse(usd(0).isNegative());
        assertTrue(Money.zero("EUR").isZero());
        assertTrue(usd(1).isPositive());
        assertFalse(usd(0).isPositive());
    }

    @Test
    void knowsMinorUnitDigits() {
        assertEquals(2, Money.minorUnitDigits("USD"));
        assertEquals(0, Money.minorUnitDigits("JPY"));
        assertEquals(3, Money.minorUnitDigits("KWD"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"XXX", "XAU", "usd", "US", "ABC", ""})
    void rejectsUnknownOrUnitlessCurrencies(String currency) {
        assertThrows(IllegalArgumentException.class, () -> new Money(1, currency));
    }

    @Test
    void rejectsMissingCurrency() {
        assertThrows(NullPointerException.class, () -> new Money(1, null));
    }

    @Test
    void printsInMajorUnits() {
        assertEquals("USD 0.25", usd(25).toString());
        assertEquals("USD -0.05", usd(-5).toString());
        assertEquals("USD 1234.00", usd(123_400).toString());
        assertEquals("JPY 500", new Money(500, "JPY").toString());
        assertEquals("KWD 1.005", new Money(1_005, "KWD").toString());
    }
}
