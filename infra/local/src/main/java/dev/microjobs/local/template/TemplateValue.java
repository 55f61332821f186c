package dev.microjobs.local.template;

import java.util.List;
import java.util.Map;

/**
 * A property value as the template wrote it: a literal, or one of the intrinsic functions
 * the local stack can resolve ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::Join},
 * {@code Fn::Select}). Other intrinsics are rejected when the template is read, where they matter.
 * Turn a value into a string with {@link IntrinsicResolver}.
 */
public sealed interface TemplateValue {

    /** A plain scalar; numbers and booleans are kept as the text the template wrote. */
    record Literal(String text) implements TemplateValue {
    }

    /** A YAML list, as the argument of {@code Fn::Join} or {@code Fn::Select}. */
    record ListValue(List<TemplateValue> items) implements TemplateValue {
        public ListValue {
            items = List.copyOf(items);
        }
    }

    /** {@code !Ref Name}: a parameter, a pseudo parameter ({@code AWS::Region}) or a resource. */
    record Ref(String name) implements TemplateValue {
    }

    /** {@code !GetAtt Resource.Attribute}. */
    record GetAtt(String logicalId, String attribute) implements TemplateValue {
    }

    /** {@code !Sub "text with ${Name} and ${Resource.Attribute}"}, with optional local variables. */
    record Sub(String text, Map<String, TemplateValue> variables) implements TemplateValue {
        public Sub {
            variables = Map.copyOf(variables);
        }
    }

    /** {@code !Join [delimiter, [values...]]}. */
    record Join(String delimiter, List<TemplateValue> values) implements TemplateValue {
        public Join {
            values = List.copyOf(values);
        }
    }

    /** {@code !Select [index, list]}. */
    record Select(int index, TemplateValue list) implements TemplateValue {
    }
}
