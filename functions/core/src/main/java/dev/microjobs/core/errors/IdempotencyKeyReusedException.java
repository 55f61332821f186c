package dev.microjobs.core.errors;

/** An Idempotency-Key came back with a different request body than the one it was first used with. */
public class IdempotencyKeyReusedException extends RuntimeException {
    public IdempotencyKeyReusedException(String detail) {
        super(detail);
    }
}
