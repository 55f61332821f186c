/**
 * Validation of what businesses send at job intake: field errors with JSON paths,
 * size and range limits, per-job-type task inputs, and SSRF protection for URLs the
 * platform will later fetch or call.
 *
 * <p>Everything here is pure (no HTTP, no storage). Problems are collected in a
 * {@link dev.microjobs.core.validation.Violations} and thrown once as a
 * {@link dev.microjobs.core.validation.ValidationException}, which the HTTP layer maps
 * to an RFC 9457 problem response before anything is written.
 */
package dev.microjobs.core.validation;
