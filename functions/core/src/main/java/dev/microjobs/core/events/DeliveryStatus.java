package dev.microjobs.core.events;

/** Where an event's webhook delivery stands. */
public enum DeliveryStatus {
    /** Not yet delivered; attempts go on. */
    PENDING,
    /** A 2xx answer was received. */
    DELIVERED,
    /** Every attempt of the retry schedule failed; the message went to the dead-letter queue. */
    FAILED,
    /** Neither the job nor the account has a webhook URL: there is nowhere to send it (the feed has it). */
    NO_DESTINATION
}
