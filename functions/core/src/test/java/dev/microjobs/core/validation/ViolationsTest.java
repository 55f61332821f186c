package dev.microjobs.core.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ViolationsTest {

    @Test
    void noViolationsDoesNotThrow() {
        Violations violations = new Violations();
        assertTrue(violations.isEmpty());
        assertDoesNotThrow(violations::throwIfAny);
    }

    @Test
    void throwsOnceWithEveryErrorInOrder() {
        Violations violations = new Violations()
                .add("inputs[2].count", "expected an integer")
                .add("reward.amount", "must be positive");

        ValidationException thrown = assertThrows(ValidationException.class, violations::throwIfAny);

        assertEquals(List.of(
                new FieldError("inputs[2].count", "expected an integer"),
                new FieldError("reward.amount", "must be positive")), thrown.errors());
        assertEquals("inputs[2].count: expected an integer; reward.amount: must be positive", thrown.getMessage());
    }

    @Test
    void messageSummarisesTheFirstErrorsAndCountsTheRest() {
        Violations violations = new Violations();
        for (int i = 0; i < 5; i++) {
            violations.add("inputs[" + i + "].brief", "is required");
        }

        ValidationException thrown = assertThrows(ValidationException.class, violations::throwIfAny);

        assertEquals("inputs[0].brief: is required; inputs[1].brief: is required; "
                + "inputs[2].brief: is required (and 2 more)", thrown.getMessage());
    }

    @Test
    void keepsAtMostMaxRetainedErrorsButCountsAll() {
        Violations violations = new Violations();
        for (int i = 0; i < Violations.MAX_RETAINED + 50; i++) {
            violations.add("inputs[" + i + "]", "expected a JSON object");
        }

        ValidationException thrown = assertThrows(ValidationException.class, violations::throwIfAny);

        assertEquals(Violations.MAX_RETAINED + 50, violations.count());
        assertEquals(Violations.MAX_RETAINED, thrown.errors().size());
        assertEquals(50, thrown.omittedCount());
        assertTrue(thrown.getMessage().endsWith("(and 147 more)"), thrown.getMessage());
    }

    @Test
    void requestLevelErrorPrintsWithoutAFieldName() {
        assertEquals("body is empty", new FieldError("", "body is empty").toString());
    }

    @Test
    void anExceptionWithoutErrorsIsAProgrammingMistake() {
        assertThrows(IllegalArgumentException.class, () -> new ValidationException(List.of()));
    }
}
