package dev.microjobs.aws.logging;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultDiagnosticInfoPopulator;
import io.micronaut.function.aws.DiagnosticInfoPopulator;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

/**
 * Starts each invocation's log context (Micronaut's request handler calls this before the
 * handler runs): {@code requestId} (Lambda's) and {@code function}, and nothing left over from
 * the previous invocation on this thread. Replaces Micronaut's default, which adds six keys to
 * every line.
 */
@Singleton
@Replaces(DefaultDiagnosticInfoPopulator.class)
public class LambdaDiagnostics implements DiagnosticInfoPopulator {

    @Override
    public void populateMappingDiagnosticContextValues(Context context) {
        MDC.clear();
        if (context.getAwsRequestId() != null) {
            MDC.put("requestId", context.getAwsRequestId());
        }
        if (context.getFunctionName() != null) {
            MDC.put("function", context.getFunctionName());
        }
    }

    @Override
    public void populateMappingDiagnosticContextWithXrayTraceId() {
        // The trace id is in the Lambda environment already; repeating it on every line costs more than it helps.
    }
}
