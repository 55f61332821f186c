package dev.microjobs.local.template;

/**
 * A rule of {@link TemplateChecker} that the template breaks.
 *
 * @param resource the logical id of the resource to fix, e.g. {@code DraftsQueue}
 * @param property where in its {@code Properties} to fix it, e.g. {@code RedrivePolicy} or
 *                 {@code Events.Drafts.Properties.FunctionResponseTypes}; {@code Outputs} when an output is missing
 * @param message what is wrong and why it matters
 */
public record TemplateViolation(String resource, String property, String message) {

    @Override
    public String toString() {
        return resource + "." + property + ": " + message;
    }
}
