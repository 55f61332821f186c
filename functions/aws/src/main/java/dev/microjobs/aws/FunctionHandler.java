package dev.microjobs.aws;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.MicronautLambdaContext;
import io.micronaut.function.aws.MicronautRequestHandler;

/**
 * Base of every Lambda handler: Micronaut's request handler, created by Lambda through its
 * no-arg constructor, with its {@code @Inject} fields resolved at construction.
 *
 * <p>Micronaut's Lambda default creates every singleton and configuration bean on the
 * classpath at start. Here that would make each function build (and need the environment
 * variables and the beans of) use cases it never calls. Only the handler's own bean graph is
 * created, which is still all created at construction, before a SnapStart snapshot.
 */
public abstract class FunctionHandler<I, O> extends MicronautRequestHandler<I, O> {

    /**
     * The Lambda builder's environments without its eager initialisation. Not
     * {@code super.newApplicationContextBuilder().eagerInitSingletons(false)}: in Micronaut 4
     * that call only ever adds annotations to initialise eagerly, so it cannot undo the
     * {@code true} the Lambda builder already set.
     */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return ApplicationContext.builder().environments(Environment.FUNCTION, MicronautLambdaContext.ENVIRONMENT_LAMBDA);
    }
}
