package dev.microjobs.core.validation;

import java.util.Objects;

/**
 * One problem with one field of a request.
 *
 * @param field   path of the offending field, such as {@code inputs[3].imageUrl} or
 *                {@code reward.amount} (see {@link FieldPath}); empty for the request itself
 * @param message what is wrong, phrased to follow the field name ("expected an integer")
 */
public record FieldError(String field, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** {@code field: message}, or just the message when the error is about the request as a whole. */
    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
