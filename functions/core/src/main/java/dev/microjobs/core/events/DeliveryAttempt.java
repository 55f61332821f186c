package dev.microjobs.core.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to deliver an event.
 *
 * @param statusCode the receiver's HTTP status, or null when no answer came (refused, unreachable, timed out)
 * @param error why the attempt failed, or null when it succeeded
 * @param nextRetryAt when the next attempt is due, or null when there will be none
 */
public record DeliveryAttempt(int number, Instant at, Integer statusCode, String error, Instant nextRetryAt) {

    public DeliveryAttempt {
        if (number < 1) {
            throw new IllegalArgumentException("attempts are numbered from 1, got " + number);
        }
        Objects.requireNonNull(at, "at is required");
    }

    public boolean succeeded() {
        return error == null;
    }
}
