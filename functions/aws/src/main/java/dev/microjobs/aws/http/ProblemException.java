package dev.microjobs.aws.http;

/** A client mistake found while reading the HTTP request itself, before any use case runs. */
public class ProblemException extends RuntimeException {
    private final ProblemType type;

    public ProblemException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
