package dev.microjobs.local.template;

/**
 * One of a function's environment variables, from {@code Globals.Function} or the function itself.
 *
 * @param location where the value is written, e.g. {@code Resources.IntakeFunction.Properties.Environment.Variables.TABLE_NAME}
 */
public record EnvironmentVariable(String name, TemplateValue value, String location) {
}
