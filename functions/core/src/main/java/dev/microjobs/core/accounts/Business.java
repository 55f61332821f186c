package dev.microjobs.core.accounts;

import java.time.Instant;

/** A business that submits jobs. Its account holds money in one currency. */
public record Business(String id, String name, String currency, Instant createdAt) {
}
