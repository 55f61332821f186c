package dev.microjobs.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FieldPathTest {

    @Test
    void plainNamesAreDotted() {
        assertEquals("imageUrl", FieldPath.member("", "imageUrl"));
        assertEquals("inputs[3].imageUrl", FieldPath.member(FieldPath.element("inputs", 3), "imageUrl"));
        assertEquals("reward.amount", FieldPath.member("reward", "amount"));
    }

    @Test
    void otherNamesAreQuotedAndEscaped() {
        assertEquals("inputs[0][\"first name\"]", FieldPath.member("inputs[0]", "first name"));
        assertEquals("[\"a.b\"]", FieldPath.member("", "a.b"));
        assertEquals("x[\"q\\\"\\\\\\u0000\"]", FieldPath.member("x", "q\"\\\u0000"));
        assertEquals("x[\"\\ud800\"]", FieldPath.member("x", "\ud800"));
        assertEquals("x[\"\"]", FieldPath.member("x", ""));
    }

    @Test
    void hugeNamesAreCapped() {
        String path = FieldPath.member("x", "é".repeat(10_000));
        assertTrue(path.length() < 120, path);
        assertTrue(path.endsWith("…\"]"), path);
    }
}
