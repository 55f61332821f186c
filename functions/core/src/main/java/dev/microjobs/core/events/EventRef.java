package dev.microjobs.core.events;

/**
 * An event as its queue message names it: its id, and the job and business whose destinations
 * it may go to, so that the notifier reads the event and its destinations at once. Messages sent
 * before they carried the job and business name only the event (both null then).
 */
public record EventRef(String eventId, String jobId, String businessId) {

    public static EventRef of(Event event) {
        return new EventRef(event.id(), event.jobId(), event.businessId());
    }

    public boolean namesItsDestinations() {
        return jobId != null && businessId != null;
    }
}
