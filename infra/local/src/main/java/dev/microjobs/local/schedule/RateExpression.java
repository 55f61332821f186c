package dev.microjobs.local.schedule;

import dev.microjobs.local.LocalStackException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** EventBridge's {@code rate(N unit)}; {@code cron(...)} and anything else is refused with the event's location. */
final class RateExpression {

    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

    private RateExpression() {
    }

    static Duration parse(String expression, String location) {
        Matcher matcher = RATE.matcher(expression.trim());
        if (!matcher.matches()) {
            String problem = expression.trim().startsWith("cron(")
                    ? "cron schedules are not supported by the local stack, only rate(N minutes|hours|days)"
                    : "expected rate(N minutes|hours|days), got \"" + expression + "\"";
            throw new LocalStackException(location + ": " + problem);
        }
        long amount = Long.parseLong(matcher.group(1));
        if (amount <= 0) {
            throw new LocalStackException(location + ": the rate must be at least 1, got \"" + expression + "\"");
        }
        return switch (matcher.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(amount);
            case "hour", "hours" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
