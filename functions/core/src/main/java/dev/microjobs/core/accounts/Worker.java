package dev.microjobs.core.accounts;

import java.time.Instant;
import java.util.Set;

/** A gig worker. {@code skills} decide which jobs' tasks the worker may claim. */
public record Worker(String id, String name, Set<String> skills, Instant createdAt) {
    public Worker {
        skills = Set.copyOf(skills);
    }
}
