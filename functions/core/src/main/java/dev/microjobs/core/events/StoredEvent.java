package dev.microjobs.core.events;

import java.util.List;
import java.util.Objects;

/** An event with its delivery log. */
public record StoredEvent(Event event, DeliveryStatus status, List<DeliveryAttempt> attempts) {

    public StoredEvent {
        Objects.requireNonNull(event, "event is required");
        Objects.requireNonNull(status, "status is required");
        attempts = List.copyOf(attempts);
    }
}
