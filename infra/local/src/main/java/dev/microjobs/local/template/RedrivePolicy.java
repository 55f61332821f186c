package dev.microjobs.local.template;

/** A queue's {@code RedrivePolicy}: after {@code maxReceiveCount} receives a message moves to the dead-letter queue. */
public record RedrivePolicy(String deadLetterQueueLogicalId, int maxReceiveCount) {
}
