package dev.microjobs.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.microjobs.aws.logging.LambdaDiagnostics;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.MicronautLambdaContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Base of every Lambda handler: Micronaut's request handler, created by Lambda through its
 * no-arg constructor, with its {@code @Inject} fields resolved at construction.
 *
 * <p>Micronaut's Lambda default creates every singleton and configuration bean on the
 * classpath at start. Here that would make each function build (and need the environment
 * variables and the beans of) use cases it never calls. Only the handler's own bean graph is
 * created, which is still all created at construction, before a SnapStart snapshot.
 *
 * <p>It is also a {@link RequestStreamHandler}, which Lambda's runtime prefers over
 * {@code RequestHandler}: the event is read and the result written by {@link LambdaEvents} with
 * the function's own Jackson, instead of by the runtime's reflective serializer and the second
 * Jackson it would load on every cold start. Subclasses still only implement {@code execute(I)}.
 *
 * <p>Loading the class starts building the SDK clients on a thread of their own
 * ({@link PrebuiltClients}), before the constructor starts Micronaut.
 */
public abstract class FunctionHandler<I, O> extends MicronautRequestHandler<I, O> implements RequestStreamHandler {

    static {
        PrebuiltClients.startIfInLambda(System.getenv());
    }

    private final Class<?> eventType = eventType(getClass());

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

    /**
     * Lambda's entry point: starts the invocation's log context, reads the event from its JSON and
     * hands it to {@code execute}.
     *
     * <p>Not through Micronaut's {@link #handleRequest(Object, Context)}: on every invocation that
     * registers Lambda's {@code Context}, logger, client context and identity as singletons of the
     * application context, for beans that would inject them (none of ours does), and each
     * registration makes Micronaut filter its bean definitions again. In an in-process chaos run
     * that was a sixth of all CPU samples, the largest single item, and it is billed Lambda time
     * on every invocation in AWS too.
     */
    @Override
    @SuppressWarnings("unchecked")
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaDiagnostics.startInvocation(context);
        O result = execute((I) LambdaEvents.read(input, eventType));
        LambdaEvents.write(result, output);
    }

    /** The {@code I} a handler class gives {@code FunctionHandler<I, O>}, as a class. */
    private static Class<?> eventType(Class<?> handlerClass) {
        Class<?> type = handlerClass;
        while (type.getSuperclass() != FunctionHandler.class) {
            type = type.getSuperclass();
        }
        Type event = ((ParameterizedType) type.getGenericSuperclass()).getActualTypeArguments()[0];
        if (event instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        if (event instanceof Class<?> eventClass) {
            return eventClass;
        }
        throw new IllegalStateException(handlerClass.getName() + " must name its event type, not " + event);
    }
}
