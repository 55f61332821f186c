package dev.microjobs.local.template;

import java.util.List;

/**
 * An {@code AWS::Serverless::Function} with {@code Globals.Function} already merged in
 * (the function's own properties win; environment variables are merged one by one).
 *
 * @param handler the {@code Handler} property, e.g. {@code dev.microjobs.intake.IntakeHandler}
 */
public record FunctionDef(
        String logicalId,
        String handler,
        String codeUri,
        int timeoutSeconds,
        int memorySizeMb,
        List<EnvironmentVariable> environment,
        List<FunctionEvent> events) {

    /** Lambda's defaults when neither the function nor Globals set them. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 3;
    public static final int DEFAULT_MEMORY_SIZE_MB = 128;

    public FunctionDef {
        environment = List.copyOf(environment);
        events = List.copyOf(events);
    }

    /** The class to instantiate: {@code Handler} without a {@code ::method} suffix. */
    public String handlerClassName() {
        int methodSeparator = handler.indexOf("::");
        return methodSeparator < 0 ? handler : handler.substring(0, methodSeparator);
    }

    public <T extends FunctionEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
