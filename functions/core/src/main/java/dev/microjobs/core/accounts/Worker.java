package dev.microjobs.core.accounts;

import java.time.Instant;
import java.util.Set;

/**
 * A gig worker. {@code skills} decide which jobs' tasks the worker may claim.
 *
 * @param payoutAccount where the payout provider sends money (a Stripe connected account id,
 *     or the operator's own reference for the webhook provider); null until set up
 */
public record Worker(String id, String name, Set<String> skills, String payoutAccount, Instant createdAt) {
    public Worker {
        skills = Set.copyOf(skills);
    }
}
