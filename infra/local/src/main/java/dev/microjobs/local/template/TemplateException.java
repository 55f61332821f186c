package dev.microjobs.local.template;

/**
 * A template that cannot be read, or asks for something the local stack cannot do.
 * The message always starts with the file and the place in it, for example
 * {@code template.yaml: Resources.DraftsQueue.Properties.RedrivePolicy.maxReceiveCount: expected a whole number, got "five"}.
 */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    /** Builds the message {@code source: location: problem}. */
    public static TemplateException at(String source, String location, String problem) {
        return new TemplateException(source + ": " + location + ": " + problem);
    }
}
