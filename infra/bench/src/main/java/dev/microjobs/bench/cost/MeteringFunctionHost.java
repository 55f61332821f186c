package dev.microjobs.bench.cost;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.local.lambda.FunctionHost;
import dev.microjobs.local.lambda.LocalFunction;
import dev.microjobs.local.template.FunctionDef;
import dev.microjobs.local.template.PseudoParameters;
import java.util.Map;

/**
 * Runs the functions where {@code delegate} runs them and meters each invocation: its measured
 * duration against the function's configured {@code MemorySize}, and, for HTTP API events, one API
 * request. Handler start-up happens at creation, outside any invocation, as Lambda's init phase
 * does (not billed for Java managed runtimes without SnapStart until 2025; see BENCHMARKS.md).
 */
public final class MeteringFunctionHost implements FunctionHost {

    private final FunctionHost delegate;
    private final Meter meter;

    public MeteringFunctionHost(FunctionHost delegate, Meter meter) {
        this.delegate = delegate;
        this.meter = meter;
    }

    @Override
    public LocalFunction create(FunctionDef definition, Map<String, String> environment, PseudoParameters account) {
        LocalFunction function = delegate.create(definition, environment, account);
        return new LocalFunction() {
            @Override
            public FunctionDef definition() {
                return function.definition();
            }

            @Override
            public JsonNode invoke(Object event) throws Exception {
                long start = System.nanoTime();
                try {
                    return function.invoke(event);
                } finally {
                    meter.invocation(definition.logicalId(), definition.memorySizeMb(), System.nanoTime() - start,
                            event instanceof APIGatewayV2HTTPEvent);
                }
            }

            @Override
            public void close() throws Exception {
                function.close();
            }
        };
    }
}
