package dev.microjobs.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code Properties} of an {@code AWS::DynamoDB::Table}. */
final class TableReader {

    private static final Set<String> KEY_TYPES = Set.of("HASH", "RANGE");
    private static final Set<String> ATTRIBUTE_TYPES = Set.of("S", "N", "B");
    private static final Set<String> PROJECTION_TYPES = Set.of("ALL", "KEYS_ONLY", "INCLUDE");

    private TableReader() {
    }

    static TableDef read(String logicalId, YamlNode properties) {
        Map<String, String> attributeTypes = new LinkedHashMap<>();
        for (YamlNode definition : properties.required("AttributeDefinitions").items()) {
            YamlNode type = definition.required("AttributeType");
            attributeTypes.put(definition.required("AttributeName").string(), oneOf(type, ATTRIBUTE_TYPES));
        }
        List<KeyElement> keySchema = keySchema(properties.required("KeySchema"), attributeTypes);
        return new TableDef(
                logicalId,
                properties.optional("TableName").map(YamlNode::templateValue),
                keySchema,
                attributeTypes,
                indexes(properties.optional("GlobalSecondaryIndexes"), attributeTypes),
                indexes(properties.optional("LocalSecondaryIndexes"), attributeTypes),
                timeToLive(properties.optional("TimeToLiveSpecification")));
    }

    private static List<IndexDef> indexes(Optional<YamlNode> section, Map<String, String> attributeTypes) {
        return section.map(YamlNode::items).orElse(List.of()).stream()
                .map(index -> {
                    YamlNode projection = index.required("Projection");
                    return new IndexDef(
                            index.required("IndexName").string(),
                            keySchema(index.required("KeySchema"), attributeTypes),
                            projection.optional("ProjectionType").map(type -> oneOf(type, PROJECTION_TYPES)).orElse("KEYS_ONLY"),
                            projection.optional("NonKeyAttributes").map(YamlNode::strings).orElse(List.of()));
                })
                .toList();
    }

    private static List<KeyElement> keySchema(YamlNode schema, Map<String, String> attributeTypes) {
        return schema.items().stream()
                .map(element -> {
                    YamlNode name = element.required("AttributeName");
                    if (!attributeTypes.containsKey(name.string())) {
                        throw name.error("key attribute " + name.string() + " is not in AttributeDefinitions");
                    }
                    return new KeyElement(name.string(), oneOf(element.required("KeyType"), KEY_TYPES));
                })
                .toList();
    }

    private static Optional<String> timeToLive(Optional<YamlNode> specification) {
        return specification
                .filter(ttl -> ttl.optional("Enabled").map(YamlNode::bool).orElse(false))
                .map(ttl -> ttl.required("AttributeName").string());
    }

    private static String oneOf(YamlNode node, Set<String> allowed) {
        String value = node.string();
        if (!allowed.contains(value)) {
            throw node.error("expected one of " + String.join(", ", allowed.stream().sorted().toList()) + ", got \"" + value + "\"");
        }
        return value;
    }
}
