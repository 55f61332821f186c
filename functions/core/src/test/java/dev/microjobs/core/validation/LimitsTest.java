package dev.microjobs.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Violations violations = new Violations();

    /** The value of member {@code v} of a JSON object, so tests can write literal JSON. */
    private static JsonNode value(String json) throws Exception {
        return JSON.readTree("{\"v\":" + json + "}").get("v");
    }

    private List<FieldError> errors() {
        return violations.errors();
    }

    private void assertOnlyError(String field, String message) {
        assertEquals(List.of(new FieldError(field, message)), errors());
    }

    @Test
    void lengthIsCountedInCodePoints() {
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        assertEquals(1, Limits.codePointLength(emoji));
        assertTrue(Limits.checkText(violations, "brand", emoji.repeat(200), 1, 200));
        assertTrue(violations.isEmpty());
    }

    @Test
    void tooLongText() {
        assertFalse(Limits.checkText(violations, "brand", "x".repeat(201), 0, 200));
        assertOnlyError("brand", "must be at most 200 characters (got 201)");
    }

    @Test
    void emptyAndBlankTextWhenSomethingIsRequired() {
        Limits.checkText(violations, "a", "", 1, 10);
        Limits.checkText(violations, "b", " \t\n", 1, 10);
        Limits.checkText(violations, "c", "ab", 3, 10);
        assertEquals(List.of(
                new FieldError("a", "must not be empty"),
                new FieldError("b", "must not be blank"),
                new FieldError("c", "must be at least 3 characters (got 2)")), errors());
    }

    @Test
    void emptyTextIsFineWhenNothingIsRequired() {
        assertTrue(Limits.checkText(violations, "tone", "", 0, 100));
    }

    @Test
    void unsafeCharacters() {
        assertEquals(Optional.of("must not contain NUL characters"), Limits.unsafeCharacterProblem("a\0b"));
        assertEquals(Optional.of("must not contain unpaired UTF-16 surrogates (found one at index 1)"),
                Limits.unsafeCharacterProblem("a\uD800b"));
        assertTrue(Limits.unsafeCharacterProblem("\uDC00").isPresent(), "lone low surrogate");
        assertTrue(Limits.unsafeCharacterProblem("x\uD83D").isPresent(), "high surrogate at the end");
        assertTrue(Limits.unsafeCharacterProblem("\uDE00\uD83D").isPresent(), "pair in the wrong order");
        assertEquals(Optional.empty(), Limits.unsafeCharacterProblem("caf\u00e9 \uD83D\uDE00 \u4e2d\u6587\t\n"));
    }

    @Test
    void unsafeCharactersFromParsedJson() throws Exception {
        Limits.string(violations, "brief", value("\"bad \\ud800 surrogate\""), 1, 100);
        Limits.string(violations, "tone", value("\"nul \\u0000\""), 1, 100);
        assertEquals(List.of(
                new FieldError("brief", "must not contain unpaired UTF-16 surrogates (found one at index 4)"),
                new FieldError("tone", "must not contain NUL characters")), errors());
    }

    @Test
    void requiredString() throws Exception {
        assertEquals(Optional.of("Fresh coffee"), Limits.string(violations, "brief", value("\"Fresh coffee\""), 1, 4000));
        Limits.string(violations, "a", null, 1, 10);
        Limits.string(violations, "b", value("null"), 1, 10);
        Limits.string(violations, "c", value("42"), 1, 10);
        Limits.string(violations, "d", value("[\"x\"]"), 1, 10);
        assertEquals(List.of(
                new FieldError("a", "is required"),
                new FieldError("b", "is required"),
                new FieldError("c", "expected a string, got an integer"),
                new FieldError("d", "expected a string, got an array")), errors());
    }

    @Test
    void integerInRange() throws Exception {
        assertEquals(OptionalInt.of(5), Limits.integer(violations, "count", value("5"), 1, 20));
        assertTrue(violations.isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'\"5\"'                   | expected an integer, got a string",
            "5.5                       | expected an integer, got 5.5",
            "5.0                       | expected an integer, got 5.0",
            "1e1                       | expected an integer, got 10.0",
            "true                      | expected an integer, got a boolean",
            "{}                        | expected an integer, got an object",
            "null                      | is required",
            "0                         | must be between 1 and 20 (got 0)",
            "21                        | must be between 1 and 20 (got 21)",
            "-3                        | must be between 1 and 20 (got -3)",
            "4294967297                | must be between 1 and 20 (got 4294967297)",
            "99999999999999999999      | must be between 1 and 20 (got 99999999999999999999)",
            "9999999999999999999999999999999 | must be between 1 and 20 (got a number 31 characters long)",
    })
    void badIntegers(String json, String message) throws Exception {
        assertEquals(OptionalInt.empty(), Limits.integer(violations, "inputs[2].count", value(json), 1, 20));
        assertOnlyError("inputs[2].count", message);
    }

    @Test
    void minorUnits() throws Exception {
        assertEquals(OptionalLong.of(2550), Limits.minorUnits(violations, "reward.amount", value("2550"), 1_000_000));
        assertEquals(OptionalLong.of(Long.MAX_VALUE),
                Limits.minorUnits(violations, "reward.amount", value(Long.toString(Long.MAX_VALUE)), Long.MAX_VALUE));
        assertTrue(violations.isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "25.5                 | expected a whole number of minor units (for example 2550 for 25.50), got 25.5",
            "2550.0               | expected a whole number of minor units (for example 2550 for 25.50), got 2550.0",
            "'\"2550\"'           | expected a whole number of minor units (for example 2550 for 25.50), got a string",
            "0                    | must be positive (got 0)",
            "-100                 | must be positive (got -100)",
            "-99999999999999999999 | must be positive (got -99999999999999999999)",
            "1000001              | must be at most 1000000 minor units (got 1000001)",
            "9223372036854775808  | must be at most 1000000 minor units (got 9223372036854775808)",
    })
    void badMinorUnits(String json, String message) throws Exception {
        assertEquals(OptionalLong.empty(), Limits.minorUnits(violations, "reward.amount", value(json), 1_000_000));
        assertOnlyError("reward.amount", message);
    }

    @Test
    void numbersBeyondLongAreRefusedEvenWithoutACap() throws Exception {
        Limits.minorUnits(violations, "reward.amount", value("9223372036854775808"), Long.MAX_VALUE);
        assertOnlyError("reward.amount", "must be at most 9223372036854775807 minor units (got 9223372036854775808)");
    }

    @Test
    void currency() throws Exception {
        assertEquals(Optional.of(Currency.getInstance("EUR")), Limits.currency(violations, "reward.currency", value("\"EUR\"")));
        Limits.currency(violations, "a", value("\"usd\""));
        Limits.currency(violations, "b", value("\"ABC\""));
        Limits.currency(violations, "c", value("\"XAU\""));
        Limits.currency(violations, "d", value("\"EURO\""));
        assertEquals(List.of(
                new FieldError("a", "expected an ISO 4217 currency code such as USD or EUR"),
                new FieldError("b", "is not an ISO 4217 currency code: ABC"),
                new FieldError("c", "currency XAU has no minor unit and cannot carry an amount"),
                new FieldError("d", "must be at most 3 characters (got 4)")), errors());
    }

    @Test
    void arraySize() throws Exception {
        assertTrue(Limits.array(violations, "inputs", value("[{}]"), 1, 1000).isPresent());
        Limits.array(violations, "a", value("[]"), 1, 1000);
        Limits.array(violations, "b", value("{}"), 1, 1000);
        Limits.array(violations, "c", null, 1, 1000);
        assertEquals(List.of(
                new FieldError("a", "must have between 1 and 1000 elements (got 0)"),
                new FieldError("b", "expected an array, got an object"),
                new FieldError("c", "is required")), errors());
    }

    @Test
    void range() {
        assertTrue(Limits.checkRange(violations, "maxWords", 10, 10, 2000));
        assertFalse(Limits.checkRange(violations, "maxWords", 2001, 10, 2000));
        assertOnlyError("maxWords", "must be between 10 and 2000 (got 2001)");
    }
}
