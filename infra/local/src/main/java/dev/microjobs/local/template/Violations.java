package dev.microjobs.local.template;

import java.util.ArrayList;
import java.util.List;

/** Collects {@link TemplateViolation}s, naming properties relative to their resource's {@code Properties}. */
final class Violations {

    private static final String GLOBALS = "Globals.Function.";

    private final String source;
    private final List<TemplateViolation> found = new ArrayList<>();

    Violations(String source) {
        this.source = source;
    }

    void add(String resource, String property, String message) {
        found.add(new TemplateViolation(resource, property, message));
    }

    /** A violation at {@code node}, which belongs to {@code resource} or to {@code Globals.Function}. */
    void at(String resource, YamlNode node, String message) {
        add(resource, property(resource, node.location()), message);
    }

    /**
     * Runs the checks of one resource. A property they cannot read (a list where a number
     * belongs, an intrinsic where a literal is needed) is reported as a violation of its own,
     * and the resource's other checks are skipped.
     */
    void guard(String resource, Runnable checks) {
        try {
            checks.run();
        } catch (TemplateException e) {
            String message = e.getMessage().startsWith(source + ": ") ? e.getMessage().substring(source.length() + 2) : e.getMessage();
            int end = message.indexOf(": ");
            if (end < 0) {
                add(resource, "", message);
            } else {
                add(resource, property(resource, message.substring(0, end)), message.substring(end + 2));
            }
        }
    }

    List<TemplateViolation> list() {
        return List.copyOf(found);
    }

    private static String property(String resource, String location) {
        String own = "Resources." + resource + ".Properties.";
        if (location.startsWith(own)) {
            return location.substring(own.length());
        }
        if (location.startsWith(GLOBALS)) {
            return location.substring(GLOBALS.length()) + " (in Globals.Function)";
        }
        return location;
    }
}
