package dev.microjobs.core.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money: integer minor units (cents for USD, yen for JPY) plus an
 * ISO 4217 currency code. Never a floating-point number, so sums of fees and rewards
 * are conserved to the last minor unit.
 *
 * <p>Negative amounts are representable because balances and differences can be
 * negative; records that hold a price (a reward, a fee) reject them themselves.
 * Arithmetic that would overflow a {@code long} throws {@link ArithmeticException}
 * rather than wrapping around silently.
 */
public record Money(long amount, String currency) {

    private static final long BASIS_POINTS_PER_WHOLE = 10_000;

    public Money {
        minorUnitDigits(currency); // throws for a currency an exact amount cannot be kept in
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    /**
     * How many minor-unit digits the currency has: 2 for USD, 0 for JPY, 3 for KWD.
     *
     * @throws IllegalArgumentException for a code that is not ISO 4217, or one with no
     *     minor unit at all (XXX, XAU...), since such an amount could not be exact
     */
    public static int minorUnitDigits(String currency) {
        Objects.requireNonNull(currency, "currency is required");
        Currency known;
        try {
            known = Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ISO 4217 currency: " + currency, e);
        }
        int digits = known.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException("currency " + currency + " has no minor unit");
        }
        return digits;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        try {
            return new Money(Math.addExact(amount, other.amount), currency);
        } catch (ArithmeticException e) {
            throw overflow(this + " + " + other);
        }
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        try {
            return new Money(Math.subtractExact(amount, other.amount), currency);
        } catch (ArithmeticException e) {
            throw overflow(this + " - " + other);
        }
    }

    public Money times(long factor) {
        try {
            return new Money(Math.multiplyExact(amount, factor), currency);
        } catch (ArithmeticException e) {
            throw overflow(this + " x " + factor);
        }
    }

    /**
     * {@code bps} hundredths of a percent of this amount (250 bps = 2.5 %), rounded half
     * up (halves go away from zero) to a whole minor unit, in exact {@code long}
     * arithmetic.
     *
     * <p>Platform fees are computed with this once per assignment, on the reward of a
     * single task, and stored on the job. Every approval then moves exactly reward +
     * fee out of the escrow hold, which is (reward + fee) x tasks: no rounding happens
     * on totals, so money is conserved however the tasks end.
     */
    public Money basisPoints(int bps) {
        if (bps < 0) {
            throw new IllegalArgumentException("basis points must not be negative: " + bps);
        }
        long scaled;
        try {
            scaled = Math.multiplyExact(amount, (long) bps);
        } catch (ArithmeticException e) {
            throw overflow(this + " x " + bps + " bps");
        }
        long whole = scaled / BASIS_POINTS_PER_WHOLE;
        long remainder = Math.abs(scaled % BASIS_POINTS_PER_WHOLE);
        if (remainder * 2 >= BASIS_POINTS_PER_WHOLE) {
            whole += Long.signum(scaled);
        }
        return new Money(whole, currency);
    }

    public boolean isNegative() {
        return amount < 0;
    }

    public boolean isZero() {
        return amount == 0;
    }

    public boolean isPositive() {
        return amount > 0;
    }

    /** Human-readable, for logs and messages: {@code USD 0.25}, {@code JPY 500}. */
    @Override
    public String toString() {
        return currency + " " + BigDecimal.valueOf(amount, minorUnitDigits(currency)).toPlainString();
    }

    private void requireSameCurrency(Money other) {
        Objects.requireNonNull(other, "other amount is required");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + this + " and " + other);
        }
    }

    private static ArithmeticException overflow(String operation) {
        return new ArithmeticException("amount overflows a long: " + operation);
    }
}
