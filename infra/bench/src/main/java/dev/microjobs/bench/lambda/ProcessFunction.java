package dev.microjobs.bench.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.microjobs.local.lambda.EventJson;
import dev.microjobs.local.lambda.FunctionTimeoutException;
import dev.microjobs.local.lambda.LocalFunction;
import dev.microjobs.local.template.FunctionDef;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A function of the local stack running in a process of its own, like one Lambda execution environment:
 * invocations take turns (an environment handles one event at a time), and an environment that crashed
 * or timed out is replaced by a fresh one on the next invocation, as Lambda replaces it.
 */
final class ProcessFunction implements LocalFunction {

    private final FunctionDef definition;
    private final FunctionSpec spec;
    private final LambdaRuntime runtime;
    private final List<Long> invocationMillis = new ArrayList<>();
    private FunctionInstance instance;
    private long peakRssKbOfEndedInstances;
    private int processes;

    ProcessFunction(FunctionDef definition, FunctionSpec spec, LambdaRuntime runtime) throws IOException {
        this.definition = definition;
        this.spec = spec;
        this.runtime = runtime;
        this.instance = startInstance();
    }

    @Override
    public FunctionDef definition() {
        return definition;
    }

    @Override
    public synchronized JsonNode invoke(Object event) throws Exception {
        if (!instance.alive()) {
            endInstance();
            instance = startInstance();
        }
        long start = System.nanoTime();
        Invocation invocation = instance.submit(EventJson.MAPPER.writeValueAsBytes(EventJson.toJson(event)));
        Invocation.Outcome outcome;
        try {
            outcome = instance.await(invocation, Duration.ofSeconds(definition.timeoutSeconds()).plusSeconds(1));
        } catch (TimeoutException e) {
            endInstance();
            instance = startInstance();
            throw new FunctionTimeoutException(name(), definition.timeoutSeconds(), (System.nanoTime() - start) / 1_000_000);
        } finally {
            invocationMillis.add((System.nanoTime() - start) / 1_000_000);
        }
        if (outcome.error()) {
            throw new FunctionErrorException(name() + ": " + outcome.errorMessage());
        }
        return outcome.body().length == 0 ? NullNode.getInstance() : EventJson.MAPPER.readTree(outcome.body());
    }

    synchronized FunctionProcessStats stats() {
        return new FunctionProcessStats(name(), spec.memoryMb(), Math.max(peakRssKbOfEndedInstances, instance.peakRssKb()),
                processes, invocationMillis);
    }

    private FunctionInstance startInstance() throws IOException {
        processes++;
        return runtime.launch(spec);
    }

    private void endInstance() throws InterruptedException {
        peakRssKbOfEndedInstances = Math.max(peakRssKbOfEndedInstances, instance.peakRssKb());
        instance.close();
    }

    @Override
    public synchronized void close() throws InterruptedException {
        endInstance();
    }
}
