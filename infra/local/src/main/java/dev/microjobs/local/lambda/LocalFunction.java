package dev.microjobs.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.local.template.FunctionDef;

/**
 * A function of the template as the stack's event sources see it: something that takes an
 * event and gives back Lambda's JSON result. {@link LambdaFunction} runs the handler in this JVM;
 * a {@link FunctionHost} may run it elsewhere (another process, behind a meter).
 */
public interface LocalFunction extends AutoCloseable {

    FunctionDef definition();

    default String name() {
        return definition().logicalId();
    }

    /**
     * Handles {@code event} (an aws-lambda-java-events object) and returns the result as JSON;
     * a {@code null} result is a JSON null.
     *
     * @throws Exception what the handler threw, or {@link FunctionTimeoutException}
     */
    JsonNode invoke(Object event) throws Exception;

    /** Releases whatever the function holds; in-process handlers hold nothing. */
    @Override
    default void close() throws Exception {
    }
}
