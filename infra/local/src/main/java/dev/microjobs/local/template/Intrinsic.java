package dev.microjobs.local.template;

/**
 * An intrinsic function call exactly as YAML gave it, before it becomes a {@link TemplateValue}:
 * {@code function} is the long name ({@code Ref}, {@code Fn::GetAtt}, ...), {@code argument} the
 * raw YAML value (string, list or map).
 */
record Intrinsic(String function, Object argument) {

    String shortForm() {
        return function.startsWith("Fn::") ? "!" + function.substring(4) : "!" + function;
    }
}
