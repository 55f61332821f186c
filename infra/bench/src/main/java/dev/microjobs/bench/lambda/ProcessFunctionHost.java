package dev.microjobs.bench.lambda;

import dev.microjobs.local.lambda.FunctionHost;
import dev.microjobs.local.lambda.LocalFunction;
import dev.microjobs.local.template.FunctionDef;
import dev.microjobs.local.template.PseudoParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs each function of a local stack in a JVM of its own, started as Lambda's java17 runtime starts
 * it, from the shaded jar its {@code CodeUri} names. Used for figures that need a function alone in a
 * process, such as its peak RSS during an end-to-end run:
 *
 * <pre>{@code
 * try (ProcessFunctionHost host = ProcessFunctionHost.create(projectRoot);
 *      LocalStack stack = LocalStack.start(LocalStackOptions.onFreePorts().withFunctionHost(host))) {
 *     ... drive the stack ...
 *     Map<String, FunctionProcessStats> stats = host.stats();   // before the stack closes its functions
 * }
 * }</pre>
 */
public final class ProcessFunctionHost implements FunctionHost, AutoCloseable {

    private final Path projectRoot;
    private final LambdaRuntime runtime;
    private final Map<String, ProcessFunction> functions = new LinkedHashMap<>();

    private ProcessFunctionHost(Path projectRoot, LambdaRuntime runtime) {
        this.projectRoot = projectRoot;
        this.runtime = runtime;
    }

    /** @param projectRoot the checkout whose {@code CodeUri} jars are run (they are relative to it) */
    public static ProcessFunctionHost create(Path projectRoot) throws IOException {
        return new ProcessFunctionHost(projectRoot, LambdaRuntime.create());
    }

    @Override
    public synchronized LocalFunction create(FunctionDef definition, Map<String, String> environment, PseudoParameters account) {
        FunctionSpec spec = new FunctionSpec(definition.logicalId(), definition.handler(), projectRoot.resolve(definition.codeUri()),
                definition.memorySizeMb(), definition.timeoutSeconds(), LambdaJvm.asEnvironment(environment));
        try {
            ProcessFunction function = new ProcessFunction(definition, spec, runtime);
            functions.put(definition.logicalId(), function);
            return function;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + definition.logicalId(), e);
        }
    }

    /** Per function, in template order: peak RSS so far (also of processes already stopped), invocations. */
    public synchronized Map<String, FunctionProcessStats> stats() {
        Map<String, FunctionProcessStats> stats = new LinkedHashMap<>();
        functions.forEach((name, function) -> stats.put(name, function.stats()));
        return stats;
    }

    /** Deletes the unpacked jars and logs; the stack stops the processes when it closes its functions. */
    @Override
    public void close() throws IOException {
        runtime.close();
    }
}
