package dev.microjobs.core.jobs;

import dev.microjobs.core.domain.DraftProviderName;

/**
 * The operator's settings for job intake.
 *
 * @param platformFeeBps fee on top of each reward, in basis points (2000 = 20%)
 * @param defaultDraftProvider used when a job does not name a provider
 */
public record IntakePolicy(int platformFeeBps, DraftProviderName defaultDraftProvider) {
    public IntakePolicy {
        if (platformFeeBps < 0 || platformFeeBps > 10_000) {
            throw new IllegalArgumentException("platform fee must be 0..10000 basis points, got " + platformFeeBps);
        }
    }
}
