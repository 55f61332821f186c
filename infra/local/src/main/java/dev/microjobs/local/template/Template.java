package dev.microjobs.local.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a SAM template that shape how the app behaves: parameters, tables, queues,
 * functions with their events, and HTTP APIs. Resource types with no local meaning (log groups,
 * IAM) are only remembered by type; anything that would change behaviour and cannot be modelled
 * is rejected with a {@link TemplateException} naming the resource and the property.
 *
 * <p>The model is independent of the local stack: a test can load a template and check it.
 */
public final class Template {

    private final String source;
    private final Map<String, ParameterDef> parameters;
    private final Map<String, String> resourceTypes;
    private final Map<String, TableDef> tables;
    private final Map<String, QueueDef> queues;
    private final Map<String, FunctionDef> functions;
    private final YamlNode root;

    Template(String source, Map<String, ParameterDef> parameters, Map<String, String> resourceTypes,
             Map<String, TableDef> tables, Map<String, QueueDef> queues, Map<String, FunctionDef> functions,
             YamlNode root) {
        this.source = source;
        this.root = root;
        this.parameters = unmodifiableCopy(parameters);
        this.resourceTypes = unmodifiableCopy(resourceTypes);
        this.tables = unmodifiableCopy(tables);
        this.queues = unmodifiableCopy(queues);
        this.functions = unmodifiableCopy(functions);
    }

    /** Reads a template file; errors start with the file name. */
    public static Template load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw new TemplateException(file + ": cannot read the template: " + e.getMessage());
        }
    }

    /** Parses template text; {@code sourceName} (e.g. {@code template.yaml}) starts every error message. */
    public static Template parse(String yaml, String sourceName) {
        return new TemplateReader(sourceName).read(CloudFormationYaml.load(yaml, sourceName));
    }

    /** The name errors start with, e.g. {@code template.yaml}. */
    public String source() {
        return source;
    }

    /** Parameters by name, in template order. */
    public Map<String, ParameterDef> parameters() {
        return parameters;
    }

    /** Every resource's type by logical id, including types the local stack ignores. */
    public Map<String, String> resourceTypes() {
        return resourceTypes;
    }

    public Optional<String> resourceType(String logicalId) {
        return Optional.ofNullable(resourceTypes.get(logicalId));
    }

    /** {@code AWS::DynamoDB::Table} resources by logical id, in template order. */
    public Map<String, TableDef> tables() {
        return tables;
    }

    /** {@code AWS::SQS::Queue} resources by logical id, in template order. */
    public Map<String, QueueDef> queues() {
        return queues;
    }

    /** {@code AWS::Serverless::Function} resources by logical id, in template order, Globals merged. */
    public Map<String, FunctionDef> functions() {
        return functions;
    }

    /**
     * The whole template as written, for {@link TemplateChecker}: the properties that matter in
     * AWS but not on one machine (IAM, runtime, logging, outputs) are not part of the model.
     */
    YamlNode root() {
        return root;
    }

    private static <V> Map<String, V> unmodifiableCopy(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
