package dev.microjobs.core.errors;

/** No credentials, or credentials that match no account. The message never says which. */
public class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String detail) {
        super(detail);
    }
}
