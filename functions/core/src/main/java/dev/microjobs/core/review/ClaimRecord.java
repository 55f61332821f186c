package dev.microjobs.core.review;

import java.time.Instant;

/**
 * What a claim id stands for: the task and the worker, kept after the claim ends so that a late
 * submit of an ended claim can be told apart from a claim that never existed (409, not 404).
 */
public record ClaimRecord(String claimId, String taskId, String workerId, Instant claimedAt) {
}
