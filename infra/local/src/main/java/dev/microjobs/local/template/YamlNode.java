package dev.microjobs.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A value of the loaded YAML together with where it sits in the template
 * ({@code Resources.DraftsQueue.Properties.VisibilityTimeout}), so that every error can name
 * the resource and the property.
 */
final class YamlNode {

    private final Object value;
    private final String source;
    private final String location;

    YamlNode(Object value, String source, String location) {
        this.value = asIntrinsicIfLongForm(value);
        this.source = source;
        this.location = location;
    }

    String location() {
        return location;
    }

    String source() {
        return source;
    }

    TemplateException error(String problem) {
        return TemplateException.at(source, location, problem);
    }

    boolean isMapping() {
        return value instanceof Map;
    }

    boolean isList() {
        return value instanceof List;
    }

    Optional<YamlNode> optional(String key) {
        Map<?, ?> map = mapping();
        return map.containsKey(key) && map.get(key) != null
                ? Optional.of(new YamlNode(map.get(key), source, childLocation(key)))
                : Optional.empty();
    }

    YamlNode required(String key) {
        return optional(key).orElseThrow(() -> error("missing required property " + key));
    }

    /** The entries of a mapping, in template order. */
    Map<String, YamlNode> entries() {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        mapping().forEach((key, child) ->
                entries.put(String.valueOf(key), new YamlNode(child, source, childLocation(String.valueOf(key)))));
        return entries;
    }

    List<YamlNode> items() {
        if (!(value instanceof List<?> list)) {
            throw error("expected a list, got " + describe());
        }
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            items.add(new YamlNode(list.get(i), source, location + "[" + i + "]"));
        }
        return items;
    }

    /** A literal scalar; an intrinsic function here is an error, because the value is needed before anything is resolved. */
    String string() {
        if (value instanceof Map || value instanceof List || value instanceof Intrinsic || value == null) {
            throw error("expected a literal string, got " + describe());
        }
        return String.valueOf(value);
    }

    int wholeNumber() {
        if (value instanceof Integer number) {
            return number;
        }
        if (value instanceof String text && text.matches("-?\\d{1,9}")) {
            return Integer.parseInt(text);
        }
        throw error("expected a whole number, got " + describe());
    }

    boolean bool() {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if ("true".equalsIgnoreCase(String.valueOf(value)) || "false".equalsIgnoreCase(String.valueOf(value))) {
            return Boolean.parseBoolean(String.valueOf(value));
        }
        throw error("expected true or false, got " + describe());
    }

    /** A list of literal strings; a single scalar counts as a list of one, as CloudFormation allows. */
    List<String> strings() {
        if (!isList()) {
            return List.of(string());
        }
        return items().stream().map(YamlNode::string).toList();
    }

    /** The value as a {@link TemplateValue}: a literal or a supported intrinsic function. */
    TemplateValue templateValue() {
        if (value instanceof Intrinsic intrinsic) {
            return IntrinsicParser.parse(intrinsic, this);
        }
        if (value instanceof List) {
            return new TemplateValue.ListValue(items().stream().map(YamlNode::templateValue).toList());
        }
        return new TemplateValue.Literal(string());
    }

    /** The intrinsic function at this place, if the value is one. */
    Optional<Intrinsic> intrinsic() {
        return value instanceof Intrinsic intrinsic ? Optional.of(intrinsic) : Optional.empty();
    }

    /** A node for an intrinsic's argument, keeping this node's place in the template. */
    YamlNode argument(Intrinsic intrinsic) {
        return new YamlNode(intrinsic.argument(), source, location);
    }

    String describe() {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Intrinsic intrinsic) {
            return intrinsic.shortForm();
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "\"" + value + "\"";
    }

    private Map<?, ?> mapping() {
        if (!(value instanceof Map<?, ?> map)) {
            throw error("expected a mapping, got " + describe());
        }
        return map;
    }

    private String childLocation(String key) {
        return location.isEmpty() ? key : location + "." + key;
    }

    /** CloudFormation's long form: a mapping with the single key {@code Ref} or {@code Fn::Name}. */
    private static Object asIntrinsicIfLongForm(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            if (entry.getKey() instanceof String key && CloudFormationYaml.isFunctionName(key)) {
                return new Intrinsic(key, entry.getValue());
            }
        }
        return value;
    }
}
