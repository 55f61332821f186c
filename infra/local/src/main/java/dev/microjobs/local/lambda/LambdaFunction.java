package dev.microjobs.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.microjobs.local.LocalStackException;
import dev.microjobs.local.template.FunctionDef;
import dev.microjobs.local.template.PseudoParameters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.UUID;

/**
 * One function of the template with its handler instance, created as Lambda creates it: by class
 * name, through the public no-argument constructor, once. The instance is then invoked from
 * several threads at once (Lambda would run several instances; our handlers are stateless).
 */
public final class LambdaFunction implements LocalFunction {

    private final FunctionDef definition;
    private final PseudoParameters account;
    private final Object handler;
    private final Class<?> inputType;
    private final StderrLambdaLogger logger;

    private LambdaFunction(FunctionDef definition, PseudoParameters account, Object handler) {
        this.definition = definition;
        this.account = account;
        this.handler = handler;
        this.inputType = HandlerInputType.of(handler.getClass());
        this.logger = new StderrLambdaLogger(definition.logicalId());
    }

    /** Loads and instantiates the handler; any problem is reported against the function's {@code Handler}. */
    public static LambdaFunction create(FunctionDef definition, PseudoParameters account) {
        String where = "Resources." + definition.logicalId() + ".Properties.Handler: ";
        Class<?> handlerClass;
        try {
            handlerClass = Class.forName(definition.handlerClassName(), true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new LocalStackException(where + "class " + definition.handlerClassName() + " is not on the classpath", e);
        }
        if (!RequestHandler.class.isAssignableFrom(handlerClass) && !RequestStreamHandler.class.isAssignableFrom(handlerClass)) {
            throw new LocalStackException(where + definition.handlerClassName()
                    + " implements neither RequestHandler nor RequestStreamHandler");
        }
        try {
            return new LambdaFunction(definition, account, handlerClass.getConstructor().newInstance());
        } catch (NoSuchMethodException e) {
            throw new LocalStackException(where + definition.handlerClassName() + " has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new LocalStackException(where + definition.handlerClassName() + " failed in its constructor: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new LocalStackException(where + definition.handlerClassName() + " cannot be instantiated: " + e, e);
        }
    }

    @Override
    public FunctionDef definition() {
        return definition;
    }

    /** Calls the handler on the caller's thread, the way the calling service would see it. */
    @Override
    public JsonNode invoke(Object event) throws Exception {
        long start = System.currentTimeMillis();
        LocalContext context = new LocalContext(definition, account, UUID.randomUUID().toString(), start, logger);
        JsonNode result;
        try {
            result = handler instanceof RequestStreamHandler streamHandler
                    ? invokeStream(streamHandler, event, context)
                    : invokeRequest(event, context);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) {
            throw new FunctionCrashedException(name(), e);
        }
        long elapsed = System.currentTimeMillis() - start;
        if (elapsed > definition.timeoutSeconds() * 1000L) {
            throw new FunctionTimeoutException(name(), definition.timeoutSeconds(), elapsed);
        }
        return result;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private JsonNode invokeRequest(Object event, LocalContext context) throws Exception {
        Object input = inputType.isInstance(event)
                ? event
                : EventJson.MAPPER.treeToValue(EventJson.toJson(event), inputType);
        Object output = ((RequestHandler) handler).handleRequest(input, context);
        return output == null ? NullNode.getInstance() : EventJson.MAPPER.valueToTree(output);
    }

    private static JsonNode invokeStream(RequestStreamHandler handler, Object event, LocalContext context) throws Exception {
        byte[] input = EventJson.MAPPER.writeValueAsBytes(EventJson.toJson(event));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input), output, context);
        return output.size() == 0 ? NullNode.getInstance() : EventJson.MAPPER.readTree(output.toByteArray());
    }
}
