package dev.microjobs.local.lambda;

import dev.microjobs.local.template.FunctionDef;
import dev.microjobs.local.template.PseudoParameters;
import java.util.Map;

/**
 * Where the stack's functions run. The default runs every handler in the stack's JVM; a
 * benchmark can start each function in a process of its own, or wrap invocations to meter them.
 */
@FunctionalInterface
public interface FunctionHost {

    /** Handlers in this JVM, configured through the system properties the stack has set. */
    FunctionHost IN_PROCESS = (definition, environment, account) -> LambdaFunction.create(definition, account);

    /**
     * Creates the function once the stack's services are up.
     *
     * @param environment the function's own template variables resolved to local values, plus the SDK's
     *                    region, credentials and endpoint settings (as system property names, e.g. {@code aws.region})
     */
    LocalFunction create(FunctionDef definition, Map<String, String> environment, PseudoParameters account);
}
