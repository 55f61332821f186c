package dev.microjobs.aws.http;

/**
 * The stable RFC 9457 problem types of the HTTP APIs. Clients switch on {@link #uri()},
 * so a type once published is never renamed.
 */
public enum ProblemType {
    MALFORMED_REQUEST(400, "malformed-request", "The request could not be read"),
    VALIDATION_FAILED(400, "validation-failed", "The request is not valid"),
    UNAUTHORIZED(401, "unauthorized", "Missing or invalid credentials"),
    INSUFFICIENT_BALANCE(402, "insufficient-balance", "The balance does not cover this request"),
    NOT_FOUND(404, "not-found", "Not found"),
    CONFLICT(409, "conflict", "The resource is not in a state that allows this"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body has an unsupported content type"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "The Idempotency-Key was used with a different request"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests: the rate limit is reached"),
    INTERNAL_ERROR(500, "internal-error", "Something went wrong on our side");

    private static final String URI_PREFIX = "urn:microjobs:problem:";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return URI_PREFIX + slug;
    }

    public String title() {
        return title;
    }
}
