package dev.microjobs.bench.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.microjobs.local.lambda.EventJson;
import dev.microjobs.local.lambda.FunctionTimeoutException;
import dev.microjobs.local.lambda.LocalFunction;
import dev.microjobs.local.template.FunctionDef;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;

/**
 * A function of the local stack whose execution environments are processes of their own, scaled as
 * Lambda scales them: an environment handles one event at a time; an invocation takes a free one,
 * the most recently used first, and starts a new one when none is free, up to {@code maxEnvironments};
 * an environment that crashed or timed out is replaced by a fresh one.
 */
final class ProcessFunction implements LocalFunction {

    /**
     * How long a new environment may take to start before its first event fails. Lambda allows 10 s;
     * a shared 2-core machine running many JVMs at once needs more, and only liveness matters here.
     */
    private static final Duration INIT_LIMIT = Duration.ofSeconds(60);

    private final FunctionDef definition;
    private final FunctionSpec spec;
    private final LambdaRuntime runtime;
    private final InvocationListener listener;
    private final Semaphore environments;
    private final Deque<FunctionInstance> free = new ArrayDeque<>();
    private final List<FunctionInstance> started = new ArrayList<>();
    private long invocations;

    ProcessFunction(FunctionDef definition, FunctionSpec spec, LambdaRuntime runtime, int maxEnvironments,
                    InvocationListener listener) throws IOException {
        this.definition = definition;
        this.spec = spec;
        this.runtime = runtime;
        this.listener = listener;
        this.environments = new Semaphore(maxEnvironments);
        // One environment up front, as the stack creates its functions before the first event.
        free.push(start());
    }

    @Override
    public FunctionDef definition() {
        return definition;
    }

    @Override
    public JsonNode invoke(Object event) throws Exception {
        environments.acquire();
        try {
            return invokeIn(takeFreeOrStart(), event);
        } finally {
            environments.release();
        }
    }

    private JsonNode invokeIn(FunctionInstance instance, Object event) throws Exception {
        long start = System.nanoTime();
        Invocation invocation = instance.submit(EventJson.MAPPER.writeValueAsBytes(EventJson.toJson(event)));
        Invocation.Outcome outcome;
        try {
            outcome = instance.await(invocation, INIT_LIMIT, Duration.ofSeconds(definition.timeoutSeconds()).plusSeconds(1));
        } catch (TimeoutException e) {
            instance.close();
            listener.invoked(definition, event, Duration.ofSeconds(definition.timeoutSeconds()).toNanos());
            throw new FunctionTimeoutException(name(), definition.timeoutSeconds(), (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException | RuntimeException e) {
            instance.close();
            throw e;
        }
        synchronized (this) {
            invocations++;
            free.push(instance);
        }
        listener.invoked(definition, event, outcome.runNanos());
        if (outcome.error()) {
            throw new FunctionErrorException(name() + ": " + outcome.errorMessage());
        }
        return outcome.body().length == 0 ? NullNode.getInstance() : EventJson.MAPPER.readTree(outcome.body());
    }

    private FunctionInstance takeFreeOrStart() throws IOException, InterruptedException {
        synchronized (this) {
            for (FunctionInstance instance; (instance = free.poll()) != null; ) {
                if (instance.alive()) {
                    return instance;
                }
                instance.close();
            }
        }
        return start();
    }

    private FunctionInstance start() throws IOException {
        FunctionInstance instance = runtime.launch(spec);
        synchronized (this) {
            started.add(instance);
        }
        return instance;
    }

    synchronized FunctionProcessStats stats() {
        long peakRssKb = started.stream().mapToLong(FunctionInstance::peakRssKb).max().orElse(0);
        return new FunctionProcessStats(name(), spec.memoryMb(), peakRssKb, started.size(), invocations);
    }

    @Override
    public void close() throws InterruptedException {
        List<FunctionInstance> all;
        synchronized (this) {
            all = List.copyOf(started);
            free.clear();
        }
        for (FunctionInstance instance : all) {
            instance.close();
        }
    }
}
