package dev.microjobs.local.lambda;

/**
 * An invocation ran longer than the function's {@code Timeout}. Lambda would have stopped it and
 * reported an error; locally the handler runs to the end, and its result is then treated as that error.
 */
public final class FunctionTimeoutException extends Exception {

    public FunctionTimeoutException(String functionName, int timeoutSeconds, long elapsedMillis) {
        super(functionName + " timed out: took " + elapsedMillis + " ms, Timeout is " + timeoutSeconds + " s");
    }
}
