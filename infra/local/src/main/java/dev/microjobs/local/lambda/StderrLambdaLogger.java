package dev.microjobs.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** Lambda's logger, writing each line to stderr prefixed with the function name (CloudWatch's place locally). */
final class StderrLambdaLogger implements LambdaLogger {

    private final String prefix;

    StderrLambdaLogger(String functionName) {
        this.prefix = "[" + functionName + "] ";
    }

    @Override
    public void log(String message) {
        System.err.println(prefix + message);
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
