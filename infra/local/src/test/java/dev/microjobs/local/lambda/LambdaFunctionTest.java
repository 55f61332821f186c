package dev.microjobs.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.local.LocalStackException;
import dev.microjobs.local.template.FunctionDef;
import dev.microjobs.local.template.PseudoParameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaFunctionTest {

    /** A generic base class, as Micronaut's handlers are: the input type comes through the subclass. */
    public abstract static class GenericBase<I, O> implements RequestHandler<I, O> {
    }

    public static class TypedHandler extends GenericBase<SQSEvent, String> {
        @Override
        public String handleRequest(SQSEvent event, Context context) {
            return event.getRecords().get(0).getBody() + " via " + context.getFunctionName();
        }
    }

    public static class MapHandler implements RequestHandler<Map<String, Object>, Object> {
        @Override
        public Object handleRequest(Map<String, Object> event, Context context) {
            return event.get("Records");
        }
    }

    public static class CrashingHandler implements RequestHandler<SQSEvent, String> {
        @Override
        public String handleRequest(SQSEvent event, Context context) {
            throw new AssertionError("process died");
        }
    }

    public static class NotAHandler {
    }

    @Test
    void passesEventsDirectlyWhenTheDeclaredInputTypeAcceptsThem() throws Exception {
        JsonNode result = function(TypedHandler.class.getName()).invoke(sqsEvent("hi"));
        assertEquals("hi via Fn", result.asText());
    }

    @Test
    void givesOtherInputTypesTheEventAsLambdaJson() throws Exception {
        JsonNode result = function(MapHandler.class.getName()).invoke(sqsEvent("hi"));
        assertEquals("hi", result.get(0).get("body").asText());
        assertEquals("arn:q", result.get(0).get("eventSourceARN").asText());
    }

    @Test
    void anErrorThrownByTheHandlerIsAFailedInvocationNotALostThread() {
        FunctionCrashedException crash = assertThrows(FunctionCrashedException.class,
                () -> function(CrashingHandler.class.getName()).invoke(sqsEvent("hi")));
        assertEquals("Fn crashed: java.lang.AssertionError: process died", crash.getMessage());
    }

    @Test
    void namesTheFunctionAndHandlerWhenTheClassCannotBeUsed() {
        assertEquals("Resources.Fn.Properties.Handler: class no.such.Handler is not on the classpath",
                assertThrows(LocalStackException.class, () -> function("no.such.Handler::handle")).getMessage());
        assertEquals("Resources.Fn.Properties.Handler: " + NotAHandler.class.getName()
                        + " implements neither RequestHandler nor RequestStreamHandler",
                assertThrows(LocalStackException.class, () -> function(NotAHandler.class.getName())).getMessage());
    }

    private static LambdaFunction function(String handler) {
        return LambdaFunction.create(new FunctionDef("Fn", handler, "", 3, 128, List.of(), List.of()), PseudoParameters.LOCAL);
    }

    private static SQSEvent sqsEvent(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setBody(body);
        message.setEventSourceArn("arn:q");
        message.setAttributes(Map.of());
        message.setMessageAttributes(Map.of());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }
}
