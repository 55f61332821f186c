package dev.microjobs.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a raw {@link Intrinsic} into a {@link TemplateValue}, checking the shape of its argument. */
final class IntrinsicParser {

    private IntrinsicParser() {
    }

    static TemplateValue parse(Intrinsic intrinsic, YamlNode at) {
        YamlNode argument = at.argument(intrinsic);
        return switch (intrinsic.function()) {
            case "Ref" -> new TemplateValue.Ref(argument.string());
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> join(argument);
            case "Fn::Select" -> select(argument);
            default -> throw at.error("intrinsic function " + intrinsic.shortForm() + " is not supported by the local stack");
        };
    }

    private static TemplateValue getAtt(YamlNode argument) {
        if (argument.isList()) {
            List<YamlNode> parts = argument.items();
            if (parts.size() != 2) {
                throw argument.error("!GetAtt expects [Resource, Attribute], got " + parts.size() + " items");
            }
            return new TemplateValue.GetAtt(parts.get(0).string(), parts.get(1).string());
        }
        String text = argument.string();
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw argument.error("!GetAtt expects Resource.Attribute, got \"" + text + "\"");
        }
        return new TemplateValue.GetAtt(text.substring(0, dot), text.substring(dot + 1));
    }

    private static TemplateValue sub(YamlNode argument) {
        if (!argument.isList()) {
            return new TemplateValue.Sub(argument.string(), Map.of());
        }
        List<YamlNode> parts = argument.items();
        if (parts.size() != 2) {
            throw argument.error("!Sub expects a string or [string, {variables}], got " + parts.size() + " items");
        }
        Map<String, TemplateValue> variables = new LinkedHashMap<>();
        parts.get(1).entries().forEach((name, value) -> variables.put(name, value.templateValue()));
        return new TemplateValue.Sub(parts.get(0).string(), variables);
    }

    private static TemplateValue join(YamlNode argument) {
        List<YamlNode> parts = argument.items();
        if (parts.size() != 2 || !parts.get(1).isList()) {
            throw argument.error("!Join expects [delimiter, [values...]]");
        }
        return new TemplateValue.Join(parts.get(0).string(),
                parts.get(1).items().stream().map(YamlNode::templateValue).toList());
    }

    private static TemplateValue select(YamlNode argument) {
        List<YamlNode> parts = argument.items();
        if (parts.size() != 2) {
            throw argument.error("!Select expects [index, list]");
        }
        return new TemplateValue.Select(parts.get(0).wholeNumber(), parts.get(1).templateValue());
    }
}
