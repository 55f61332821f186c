package dev.microjobs.core.errors;

/** The thing asked for does not exist, or belongs to another tenant: both look the same to the caller. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String detail) {
        super(detail);
    }
}
