package dev.microjobs.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads an {@code AWS::Serverless::Function}, merging {@code Globals.Function} as SAM does. */
final class FunctionReader {

    private final YamlNode properties;
    private final Optional<YamlNode> globals;

    private FunctionReader(YamlNode properties, Optional<YamlNode> globals) {
        this.properties = properties;
        this.globals = globals;
    }

    static FunctionDef read(String logicalId, YamlNode properties, Optional<YamlNode> globals) {
        return new FunctionReader(properties, globals).read(logicalId);
    }

    private FunctionDef read(String logicalId) {
        merged("Runtime").ifPresent(runtime -> {
            if (!runtime.string().startsWith("java")) {
                throw runtime.error("runtime " + runtime.string() + " cannot run in the local stack's JVM");
            }
        });
        YamlNode handler = merged("Handler").orElseThrow(() -> properties.error("missing required property Handler"));
        return new FunctionDef(
                logicalId,
                handler.string(),
                merged("CodeUri").map(YamlNode::string).orElse(""),
                merged("Timeout").map(YamlNode::wholeNumber).orElse(FunctionDef.DEFAULT_TIMEOUT_SECONDS),
                merged("MemorySize").map(YamlNode::wholeNumber).orElse(FunctionDef.DEFAULT_MEMORY_SIZE_MB),
                environment(),
                events());
    }

    /** The function's own property, else the one from {@code Globals.Function}. */
    private Optional<YamlNode> merged(String key) {
        return properties.optional(key).or(() -> globals.flatMap(section -> section.optional(key)));
    }

    private List<EnvironmentVariable> environment() {
        Map<String, EnvironmentVariable> variables = new LinkedHashMap<>();
        globals.ifPresent(section -> addVariables(section, variables));
        addVariables(properties, variables);
        return new ArrayList<>(variables.values());
    }

    private static void addVariables(YamlNode section, Map<String, EnvironmentVariable> variables) {
        section.optional("Environment").flatMap(environment -> environment.optional("Variables"))
                .ifPresent(declared -> declared.entries().forEach((name, value) ->
                        variables.put(name, new EnvironmentVariable(name, value.templateValue(), value.location()))));
    }

    private List<FunctionEvent> events() {
        List<FunctionEvent> events = new ArrayList<>();
        properties.optional("Events").ifPresent(section -> section.entries().forEach((name, event) ->
                events.add(EventReader.read(name, event))));
        return events;
    }
}
