package dev.microjobs.aws.logging;

import com.amazonaws.services.lambda.runtime.Context;
import org.slf4j.MDC;

/**
 * Each invocation's log context: {@code requestId} (Lambda's) and {@code function}, and nothing
 * left over from the previous invocation on this thread. (Micronaut's default adds six keys to
 * every line, the X-Ray trace id among them, which the Lambda environment has already.)
 */
public final class LambdaDiagnostics {

    private LambdaDiagnostics() {
    }

    /** @param context null where a caller has none (a test calling a handler directly): the log context is only cleared */
    public static void startInvocation(Context context) {
        MDC.clear();
        if (context == null) {
            return;
        }
        if (context.getAwsRequestId() != null) {
            MDC.put("requestId", context.getAwsRequestId());
        }
        if (context.getFunctionName() != null) {
            MDC.put("function", context.getFunctionName());
        }
    }
}
