package dev.microjobs.core.domain;

/**
 * An id string that is missing, malformed, or names the wrong kind of thing. Ids come
 * from clients (paths, bodies), so this is a client mistake to report, never a server
 * error.
 */
public class InvalidIdException extends IllegalArgumentException {

    private final IdType expected;

    public InvalidIdException(IdType expected, String message) {
        super(message);
        this.expected = expected;
    }

    public IdType expected() {
        return expected;
    }
}
