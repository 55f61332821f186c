package dev.microjobs.bench.lambda;

import dev.microjobs.local.template.FunctionDef;

/** Told of every invocation an execution environment ran, with the duration Lambda would bill for it. */
@FunctionalInterface
public interface InvocationListener {

    /**
     * @param event       the event as the stack handed it to the function
     * @param billedNanos from the runtime taking the event to its answer; time spent waiting for a free
     *                    environment or for a new one to start is not in it, as Lambda does not bill it
     */
    void invoked(FunctionDef function, Object event, long billedNanos);
}
