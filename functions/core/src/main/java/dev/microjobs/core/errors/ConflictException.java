package dev.microjobs.core.errors;

/** The request is well formed but the thing it acts on is not in a state that allows it. */
public class ConflictException extends RuntimeException {
    public ConflictException(String detail) {
        super(detail);
    }
}
