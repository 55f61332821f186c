package dev.microjobs.local.lambda;

/**
 * The handler threw an {@link Error}: in Lambda the invocation fails and the execution environment
 * is thrown away. Locally it becomes an ordinary failed invocation, so that the event source
 * (poller, timer, HTTP server) retries or answers as AWS would instead of losing its thread.
 */
public final class FunctionCrashedException extends Exception {

    FunctionCrashedException(String functionName, Error cause) {
        super(functionName + " crashed: " + cause, cause);
    }
}
