package dev.microjobs.local.template;

/**
 * A {@code Schedule} or {@code ScheduleV2} event.
 *
 * @param expression the schedule expression as written, {@code rate(1 minute)} or {@code cron(...)}
 */
public record ScheduleEvent(String eventName, String location, String expression, boolean enabled) implements FunctionEvent {
}
