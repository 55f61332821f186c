package dev.microjobs.core.events;

import java.util.List;

/**
 * Publishes events after the state change they report has committed: each is stored (for the
 * feed and the delivery log) before it is queued for delivery.
 *
 * <p>Publishing never fails the caller: the change it reports has already happened and cannot be
 * taken back, and retrying the caller would not publish again (the change is no longer there to
 * make). A failure is logged and counted instead.
 */
public interface EventPublisher {

    void publish(List<Event> events);

    default void publish(Event event) {
        publish(List.of(event));
    }
}
