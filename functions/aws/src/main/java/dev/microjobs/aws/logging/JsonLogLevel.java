package dev.microjobs.aws.logging;

import org.slf4j.event.Level;

import java.util.Locale;

/** The threshold below which lines are dropped: {@code LOG_LEVEL} = TRACE, DEBUG, INFO, WARN or ERROR. */
final class JsonLogLevel {
    private JsonLogLevel() {
    }

    static Level fromEnvironment(String value) {
        if (value == null || value.isBlank()) {
            return Level.INFO;
        }
        try {
            return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }
}
