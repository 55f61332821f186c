package dev.microjobs.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the loaded YAML of a whole template into a {@link Template}. */
final class TemplateReader {

    private final String source;

    TemplateReader(String source) {
        this.source = source;
    }

    Template read(Object yaml) {
        YamlNode root = new YamlNode(yaml, source, "");
        if (!root.isMapping()) {
            throw new TemplateException(source + ": expected a mapping at the top of the template, got " + root.describe());
        }
        Map<String, ParameterDef> parameters = parameters(root);
        Optional<YamlNode> functionGlobals = root.optional("Globals").flatMap(globals -> globals.optional("Function"));

        Map<String, String> types = new LinkedHashMap<>();
        Map<String, TableDef> tables = new LinkedHashMap<>();
        Map<String, QueueDef> queues = new LinkedHashMap<>();
        Map<String, FunctionDef> functions = new LinkedHashMap<>();
        root.required("Resources").entries().forEach((logicalId, resource) -> {
            String type = resource.required("Type").string();
            if (!ResourceTypes.isKnown(type)) {
                throw resource.required("Type").error("resource type " + type + " is not supported by the local stack");
            }
            resource.optional("Condition").ifPresent(condition -> {
                throw condition.error("conditional resources are not supported by the local stack");
            });
            types.put(logicalId, type);
            switch (type) {
                case ResourceTypes.TABLE -> tables.put(logicalId, TableReader.read(logicalId, properties(resource)));
                case ResourceTypes.QUEUE -> queues.put(logicalId, QueueReader.read(logicalId, properties(resource)));
                case ResourceTypes.FUNCTION ->
                        functions.put(logicalId, FunctionReader.read(logicalId, properties(resource), functionGlobals));
                default -> { }
            }
        });
        Template template = new Template(source, parameters, types, tables, queues, functions, root);
        new ReferenceChecker(template).check();
        return template;
    }

    private Map<String, ParameterDef> parameters(YamlNode root) {
        Map<String, ParameterDef> parameters = new LinkedHashMap<>();
        root.optional("Parameters").ifPresent(section -> section.entries().forEach((name, parameter) ->
                parameters.put(name, new ParameterDef(
                        name,
                        parameter.required("Type").string(),
                        parameter.optional("Default").map(YamlNode::string),
                        parameter.optional("AllowedValues").map(YamlNode::strings).orElse(List.of())))));
        return parameters;
    }

    /** A resource's {@code Properties}; an absent section reads as an empty mapping. */
    private YamlNode properties(YamlNode resource) {
        return resource.optional("Properties")
                .orElseGet(() -> new YamlNode(Map.of(), source, resource.location() + ".Properties"));
    }
}
