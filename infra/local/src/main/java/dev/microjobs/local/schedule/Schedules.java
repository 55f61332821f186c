package dev.microjobs.local.schedule;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.microjobs.local.LocalStackException;
import dev.microjobs.local.lambda.LocalFunction;
import dev.microjobs.local.template.PseudoParameters;
import dev.microjobs.local.template.ScheduleEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the functions' {@code rate(...)} schedules on timers, calling them with a {@link ScheduledEvent}
 * as EventBridge does. The first call comes one period after start. {@link #fire} calls a schedule
 * at once, so that tests need not wait a minute.
 */
public final class Schedules implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);

    private record Scheduled(LocalFunction function, ScheduleEvent event, Duration period) {
    }

    private final Map<String, Scheduled> schedules = new LinkedHashMap<>();
    private final PseudoParameters account;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "schedules");
        thread.setDaemon(true);
        return thread;
    });

    /** Checks every enabled schedule's expression; a {@code cron(...)} one is a startup error. */
    public Schedules(List<LocalFunction> functions, PseudoParameters account) {
        this.account = account;
        for (LocalFunction function : functions) {
            for (ScheduleEvent event : function.definition().events(ScheduleEvent.class)) {
                if (event.enabled()) {
                    Duration period = RateExpression.parse(event.expression(), event.location() + ".Properties");
                    schedules.put(key(function.name(), event.eventName()), new Scheduled(function, event, period));
                }
            }
        }
    }

    public void start() {
        schedules.values().forEach(scheduled -> timer.scheduleAtFixedRate(() -> invoke(scheduled),
                scheduled.period().toMillis(), scheduled.period().toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Calls the schedule {@code eventName} of {@code functionName} now, on the caller's thread. */
    public void fire(String functionName, String eventName) throws Exception {
        Scheduled scheduled = schedules.get(key(functionName, eventName));
        if (scheduled == null) {
            throw new LocalStackException("no enabled schedule " + eventName + " on " + functionName);
        }
        scheduled.function().invoke(event(scheduled));
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void invoke(Scheduled scheduled) {
        try {
            scheduled.function().invoke(event(scheduled));
        } catch (Exception e) {
            LOG.warn("Schedule {} of {} failed", scheduled.event().eventName(), scheduled.function().name(), e);
        }
    }

    private ScheduledEvent event(Scheduled scheduled) {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount(account.accountId());
        event.setRegion(account.region());
        event.setTime(new DateTime(DateTimeZone.UTC).withMillisOfSecond(0));
        event.setResources(List.of("arn:aws:events:" + account.region() + ":" + account.accountId() + ":rule/"
                + account.stackName() + "-" + scheduled.function().name() + scheduled.event().eventName()));
        event.setDetail(Map.of());
        return event;
    }

    private static String key(String functionName, String eventName) {
        return functionName + "/" + eventName;
    }
}
