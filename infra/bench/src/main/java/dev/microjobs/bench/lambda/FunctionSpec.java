package dev.microjobs.bench.lambda;

import java.nio.file.Path;
import java.util.Map;

/**
 * What Lambda needs to start one function: its deployment package, handler, memory, timeout and
 * environment variables (the function's own; {@link LambdaJvm} adds the ones Lambda sets).
 *
 * @param name            the function's name, e.g. {@code IntakeFunction}
 * @param handler         the {@code Handler} setting, e.g. {@code dev.microjobs.intake.IntakeHandler}
 * @param deploymentJar   the shaded jar Lambda would unpack into its task root
 * @param memoryMb        the configured memory; Lambda sizes the JVM's heap, metaspace and code cache from it
 */
public record FunctionSpec(String name, String handler, Path deploymentJar, int memoryMb, int timeoutSeconds,
                           Map<String, String> environment) {

    public FunctionSpec {
        environment = Map.copyOf(environment);
    }
}
