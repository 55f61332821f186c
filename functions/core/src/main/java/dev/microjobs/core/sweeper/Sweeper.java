package dev.microjobs.core.sweeper;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every {@link Sweep} once, in order. A sweep that fails is logged and the others still
 * run: the next schedule tries it again.
 */
@Singleton
public class Sweeper {
    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

    private final List<Sweep> sweeps;
    private final Clock clock;

    public Sweeper(List<Sweep> sweeps, Clock clock) {
        this.sweeps = List.copyOf(sweeps);
        this.clock = clock;
    }

    /**
     * @param budget how long the whole run may take (a little less than the function's timeout)
     * @return items changed per sweep, in the order they ran; -1 for a sweep that failed
     */
    public Map<String, Integer> run(Duration budget) {
        Instant deadline = clock.instant().plus(budget);
        Map<String, Integer> report = new LinkedHashMap<>();
        for (Sweep sweep : sweeps) {
            try {
                report.put(sweep.name(), sweep.sweep(clock.instant(), deadline));
            } catch (RuntimeException e) {
                LOG.error("Sweep {} failed; the next run tries again", sweep.name(), e);
                report.put(sweep.name(), -1);
            }
        }
        LOG.info("Swept {}", report);
        return report;
    }
}
