package dev.microjobs.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigInteger;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Common checks on request values, shared by the task-input validator and the rest of
 * the job request. Each check reports into a {@link Violations} under the given field
 * path and returns the accepted value, or empty when the value was missing or wrong.
 *
 * <p>JSON readers treat a missing member and an explicit {@code null} alike ("is
 * required"); callers of optional members skip them first with {@link #isAbsent}.
 * Numbers are taken only from JSON numbers, never from strings, and integers only from
 * integral JSON numbers: Jackson would otherwise silently truncate {@code 25.5} to 25
 * when binding to a {@code long}, which for money is an overcharge or an undercharge.
 */
public final class Limits {

    /** Longest number literal quoted back in an error message. */
    private static final int MAX_SHOWN_NUMBER_LENGTH = 24;

    private Limits() {
    }

    /** True when the member is missing or JSON {@code null}. */
    public static boolean isAbsent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** Length in Unicode code points, which is what "characters" means to the people typing them. */
    public static int codePointLength(String value) {
        return value.codePointCount(0, value.length());
    }

    /**
     * What makes this text unsafe to store and pass on, or empty if nothing: NUL
     * characters (they truncate strings in C-based tools and databases) and unpaired
     * UTF-16 surrogates (JSON can encode them as {@code "\ud800"}, but they are not text
     * and break UTF-8 encoders further down the line).
     */
    public static Optional<String> unsafeCharacterProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return Optional.of("must not contain NUL characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must not contain unpaired UTF-16 surrogates (found one at index " + i + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * Checks a text value: no unsafe characters, and {@code minLength..maxLength} code
     * points. When {@code minLength} is at least 1, whitespace alone does not count.
     *
     * @return whether the text is acceptable
     */
    public static boolean checkText(Violations violations, String field, String value, int minLength, int maxLength) {
        Optional<String> unsafe = unsafeCharacterProblem(value);
        if (unsafe.isPresent()) {
            violations.add(field, unsafe.get());
            return false;
        }
        int length = codePointLength(value);
        if (length > maxLength) {
            violations.add(field, "must be at most " + maxLength + " characters (got " + length + ")");
            return false;
        }
        if (minLength >= 1 && value.isBlank()) {
            violations.add(field, length == 0 ? "must not be empty" : "must not be blank");
            return false;
        }
        if (length < minLength) {
            violations.add(field, "must be at least " + minLength + " characters (got " + length + ")");
            return false;
        }
        return true;
    }

    /** @return whether {@code min <= value <= max} */
    public static boolean checkRange(Violations violations, String field, long value, long min, long max) {
        if (value < min || value > max) {
            violations.add(field, outOfRange(min, max, Long.toString(value)));
            return false;
        }
        return true;
    }

    /** A required JSON string, checked with {@link #checkText}. */
    public static Optional<String> string(Violations violations, String field, JsonNode node, int minLength, int maxLength) {
        if (isAbsent(node)) {
            violations.add(field, "is required");
            return Optional.empty();
        }
        if (!node.isTextual()) {
            violations.add(field, "expected a string, got " + describe(node));
            return Optional.empty();
        }
        String value = node.textValue();
        return checkText(violations, field, value, minLength, maxLength) ? Optional.of(value) : Optional.empty();
    }

    /** A required JSON integer in {@code min..max}; {@code 5.0} and {@code "5"} are not integers. */
    public static OptionalInt integer(Violations violations, String field, JsonNode node, int min, int max) {
        if (!requireIntegral(violations, field, node, "expected an integer")) {
            return OptionalInt.empty();
        }
        if (!node.canConvertToLong()) {
            violations.add(field, outOfRange(min, max, shownNumber(node)));
            return OptionalInt.empty();
        }
        long value = node.longValue();
        return checkRange(violations, field, value, min, max) ? OptionalInt.of((int) value) : OptionalInt.empty();
    }

    /**
     * A required amount of money in minor units of its currency (cents for USD, yen for
     * JPY): a positive whole JSON number no greater than {@code max}. {@code 25.5},
     * {@code 2550.0}, {@code "2550"}, zero, negatives and numbers beyond a {@code long}
     * are refused.
     */
    public static OptionalLong minorUnits(Violations violations, String field, JsonNode node, long max) {
        if (!requireIntegral(violations, field, node,
                "expected a whole number of minor units (for example 2550 for 25.50)")) {
            return OptionalLong.empty();
        }
        BigInteger amount = node.bigIntegerValue();
        if (amount.signum() <= 0) {
            violations.add(field, "must be positive (got " + shownNumber(node) + ")");
            return OptionalLong.empty();
        }
        if (amount.compareTo(BigInteger.valueOf(max)) > 0) {
            violations.add(field, "must be at most " + max + " minor units (got " + shownNumber(node) + ")");
            return OptionalLong.empty();
        }
        return OptionalLong.of(amount.longValueExact());
    }

    /**
     * A required ISO 4217 currency code in upper case ({@code USD}) with a minor unit;
     * codes such as {@code XAU} (gold) or {@code XXX} (no currency) have none and cannot
     * carry an amount in minor units.
     */
    public static Optional<Currency> currency(Violations violations, String field, JsonNode node) {
        Optional<String> code = string(violations, field, node, 3, 3);
        if (code.isEmpty()) {
            return Optional.empty();
        }
        if (!code.get().matches("[A-Z]{3}")) {
            violations.add(field, "expected an ISO 4217 currency code such as USD or EUR");
            return Optional.empty();
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code.get());
        } catch (IllegalArgumentException unknownCode) {
            violations.add(field, "is not an ISO 4217 currency code: " + code.get());
            return Optional.empty();
        }
        if (currency.getDefaultFractionDigits() < 0) {
            violations.add(field, "currency " + code.get() + " has no minor unit and cannot carry an amount");
            return Optional.empty();
        }
        return Optional.of(currency);
    }

    /** A required JSON array of {@code minSize..maxSize} elements (elements are the caller's to check). */
    public static Optional<ArrayNode> array(Violations violations, String field, JsonNode node, int minSize, int maxSize) {
        if (isAbsent(node)) {
            violations.add(field, "is required");
            return Optional.empty();
        }
        if (!node.isArray()) {
            violations.add(field, "expected an array, got " + describe(node));
            return Optional.empty();
        }
        int size = node.size();
        if (size < minSize || size > maxSize) {
            violations.add(field, minSize == maxSize
                    ? "must have exactly " + minSize + " elements (got " + size + ")"
                    : "must have between " + minSize + " and " + maxSize + " elements (got " + size + ")");
            return Optional.empty();
        }
        return Optional.of((ArrayNode) node);
    }

    /** "a string", "an object"... for messages such as "expected an integer, got a string". */
    static String describe(JsonNode node) {
        if (isAbsent(node)) {
            return "null";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : shownNumber(node);
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static boolean requireIntegral(Violations violations, String field, JsonNode node, String expectation) {
        if (isAbsent(node)) {
            violations.add(field, "is required");
            return false;
        }
        if (!node.isIntegralNumber()) {
            violations.add(field, expectation + ", got " + describe(node));
            return false;
        }
        return true;
    }

    private static String outOfRange(long min, long max, String shownValue) {
        return "must be between " + min + " and " + max + " (got " + shownValue + ")";
    }

    /** The number as written, unless it is long enough to bloat the message. */
    private static String shownNumber(JsonNode number) {
        String text = number.asText();
        return text.length() <= MAX_SHOWN_NUMBER_LENGTH ? text : "a number " + text.length() + " characters long";
    }
}
