package dev.microjobs.aws.faults;

/**
 * The invocation dies here, as if its process had: an {@link Error}, so that no business code's
 * {@code catch (RuntimeException)} mistakes it for a failure it can handle. Whatever was written
 * before stays written; the caller (SQS, the HTTP client) sees a failed invocation and retries.
 */
public final class SimulatedCrash extends Error {

    public SimulatedCrash(String where) {
        super("Injected crash after " + where, null, false, false);
    }
}
