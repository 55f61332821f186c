package dev.microjobs.aws.logging;

import org.slf4j.event.Level;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One log line: {@code {"timestamp", "level", "logger", "message", <MDC keys: function,
 * requestId, jobId, taskId, ...>, "error"}}. As a last line of defence, anything shaped like one
 * of our secrets (an API key, a worker token, a webhook secret) is masked, wherever it appears.
 */
public final class JsonLogLine {
    private static final Pattern SECRETS = Pattern.compile("(mjb_|mjw_|whsec_)[A-Za-z0-9+/=_-]{6,}");
    private static final String FUNCTION_NAME = System.getenv("AWS_LAMBDA_FUNCTION_NAME");

    private JsonLogLine() {
    }

    public static String format(Instant at, Level level, String logger, String message, Map<String, String> context,
                                Throwable error) {
        StringBuilder line = new StringBuilder(256).append('{');
        field(line, "timestamp", at.toString());
        field(line, "level", level.name());
        field(line, "logger", logger);
        field(line, "message", message);
        Map<String, String> fields = new TreeMap<>();
        if (FUNCTION_NAME != null) {
            fields.put("function", FUNCTION_NAME);
        }
        if (context != null) {
            fields.putAll(context);
        }
        fields.forEach((name, value) -> field(line, name, value));
        if (error != null) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            field(line, "error", trace.toString());
        }
        line.setLength(line.length() - 1);
        return line.append('}').toString();
    }

    /** Masks anything shaped like a key, token or webhook secret. */
    public static String redact(String text) {
        return SECRETS.matcher(text).replaceAll("$1[REDACTED]");
    }

    private static void field(StringBuilder line, String name, String value) {
        quote(line, name);
        line.append(':');
        if (value == null) {
            line.append("null");
        } else {
            quote(line, redact(value));
        }
        line.append(',');
    }

    static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
