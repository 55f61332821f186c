package dev.microjobs.sweeper;

import dev.microjobs.aws.FunctionHandler;
import dev.microjobs.core.sweeper.Sweeper;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;

/**
 * Lambda entry point of the every-minute schedule: runs each sweep once. Whatever a run leaves
 * undone (it stops well inside the function's 60 s timeout) the next minute's run picks up.
 *
 * <p>The schedule's event is taken as a plain map: nothing in it is read, and aws-lambda-java-events'
 * {@code ScheduledEvent} would pull joda-time into every function's jar for its {@code time} field.
 */
public class SweeperHandler extends FunctionHandler<Map<String, Object>, Map<String, Integer>> {
    static final Duration BUDGET = Duration.ofSeconds(45);

    @Inject
    Sweeper sweeper;

    @Override
    public Map<String, Integer> execute(Map<String, Object> event) {
        return sweeper.run(BUDGET);
    }
}
