package dev.microjobs.aws;

import java.util.HashMap;
import java.util.Map;

/** System properties a test sets (the SDK reads its settings from them), put back by {@link #restore()}. */
final class TestSystemProperties {

    private final Map<String, String> replaced = new HashMap<>();

    /** @param value null clears the property */
    void set(String name, String value) {
        replaced.putIfAbsent(name, System.getProperty(name));
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    void restore() {
        replaced.forEach((name, old) -> {
            if (old == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, old);
            }
        });
        replaced.clear();
    }
}
