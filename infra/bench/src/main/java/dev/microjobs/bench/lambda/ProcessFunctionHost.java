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
 * Runs each function of a local stack in JVMs of its own, started as Lambda's java17 runtime starts
 * them, from the shaded jar its {@code CodeUri} names, one process per execution environment and as
 * many environments as invocations at once need (up to a cap). Used for figures that need a function
 * alone in a process, such as its peak RSS or its billed duration during an end-to-end run:
 *
 * <pre>{@code
 * try (ProcessFunctionHost host = ProcessFunctionHost.create(projectRoot, listener);
 *      LocalStack stack = LocalStack.start(LocalStackOptions.onFreePorts().withFunctionHost(host))) {
 *     ... drive the stack ...
 *     Map<String, FunctionProcessStats> stats = host.stats();   // before the stack closes its functions
 * }
 * }</pre>
 */
public final class ProcessFunctionHost implements FunctionHost, AutoCloseable {

    /**
     * Lambda scales a function to a thousand environments and more; a 2-core machine does not: each new
     * JVM costs seconds of CPU that the functions already running then lack. Four per function keeps
     * six functions within a few GB and lets the stack's concurrency (five event-source batches at once,
     * eight workers) mostly find an environment free. A wait for one is never billed.
     */
    static final int MAX_ENVIRONMENTS_PER_FUNCTION = 4;

    private final Path projectRoot;
    private final LambdaRuntime runtime;
    private final InvocationListener listener;
    private final Map<String, ProcessFunction> functions = new LinkedHashMap<>();

    private ProcessFunctionHost(Path projectRoot, LambdaRuntime runtime, InvocationListener listener) {
        this.projectRoot = projectRoot;
        this.runtime = runtime;
        this.listener = listener;
    }

    /**
     * @param projectRoot the checkout whose {@code CodeUri} jars are run (they are relative to it)
     * @param listener    told of each invocation with its billed duration
     */
    public static ProcessFunctionHost create(Path projectRoot, InvocationListener listener) throws IOException {
        return new ProcessFunctionHost(projectRoot, LambdaRuntime.create(), listener);
    }

    @Override
    public synchronized LocalFunction create(FunctionDef definition, Map<String, String> environment, PseudoParameters account) {
        FunctionSpec spec = new FunctionSpec(definition.logicalId(), definition.handler(), projectRoot.resolve(definition.codeUri()),
                definition.memorySizeMb(), definition.timeoutSeconds(), LambdaJvm.asEnvironment(environment));
        try {
            ProcessFunction function = new ProcessFunction(definition, spec, runtime, MAX_ENVIRONMENTS_PER_FUNCTION, listener);
            functions.put(definition.logicalId(), function);
            return function;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + definition.logicalId(), e);
        }
    }

    /** Per function, in template order: peak RSS so far (also of processes already stopped), environments, invocations. */
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
