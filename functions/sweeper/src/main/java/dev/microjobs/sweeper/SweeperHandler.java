package dev.microjobs.sweeper;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.microjobs.aws.FunctionHandler;
import dev.microjobs.core.sweeper.Sweeper;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;

/**
 * Lambda entry point of the every-minute schedule: runs each sweep once. Whatever a run leaves
 * undone (it stops well inside the function's 60 s timeout) the next minute's run picks up.
 */
public class SweeperHandler extends FunctionHandler<ScheduledEvent, Map<String, Integer>> {
    static final Duration BUDGET = Duration.ofSeconds(45);

    @Inject
    Sweeper sweeper;

    @Override
    public Map<String, Integer> execute(ScheduledEvent event) {
        return sweeper.run(BUDGET);
    }
}
