package dev.microjobs.core.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The request is invalid; nothing has been written. Carries every problem found (up to
 * {@link Violations#MAX_RETAINED}) so that a business can fix them all in one round trip.
 */
public class ValidationException extends RuntimeException {

    private static final int ERRORS_IN_MESSAGE = 3;

    private final List<FieldError> errors;
    private final int omittedCount;

    /**
     * @param errors       the problems, at least one
     * @param omittedCount how many further problems were found but not kept
     */
    public ValidationException(List<FieldError> errors, int omittedCount) {
        super(summarise(errors, omittedCount));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one error");
        }
        if (omittedCount < 0) {
            throw new IllegalArgumentException("omittedCount must not be negative: " + omittedCount);
        }
        this.errors = List.copyOf(errors);
        this.omittedCount = omittedCount;
    }

    public ValidationException(List<FieldError> errors) {
        this(errors, 0);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Problems found beyond the ones kept in {@link #errors()}. */
    public int omittedCount() {
        return omittedCount;
    }

    private static String summarise(List<FieldError> errors, int omittedCount) {
        String shown = errors.stream()
                .limit(ERRORS_IN_MESSAGE)
                .map(FieldError::toString)
                .collect(Collectors.joining("; "));
        int notShown = errors.size() - Math.min(errors.size(), ERRORS_IN_MESSAGE) + omittedCount;
        return notShown == 0 ? shown : shown + " (and " + notShown + " more)";
    }
}
