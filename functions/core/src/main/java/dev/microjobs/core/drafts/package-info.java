/**
 * AI draft hooks: a {@link dev.microjobs.core.drafts.Drafter} gives every task a first
 * draft from the job's {@link dev.microjobs.core.drafts.DraftProvider}, through retries and
 * a circuit breaker, and turns every provider failure into a {@code Draft.none} with the
 * reason, so a failing AI never stalls the work. Providers that talk to the network live in
 * the drafts function; the offline provider lives here, in {@code drafts.offline}.
 */
package dev.microjobs.core.drafts;
