package dev.microjobs.core.sweeper;

import java.time.Instant;

/**
 * One kind of clean-up the sweeper does every minute. Adding a kind is one {@code @Singleton}
 * class implementing this: the {@link Sweeper} runs every bean of this type, in
 * {@link io.micronaut.core.annotation.Order} order.
 *
 * <p>A sweep must be safe to run twice at once and to stop half-way (Lambda may run two
 * schedules together, or time out): each step is a conditional write that a second runner
 * simply loses.
 */
public interface Sweep {

    /** A short name for the report and the logs, e.g. {@code expiredLeases}. */
    String name();

    /**
     * Does what is due at {@code now}, stopping early when {@code deadline} passes (the rest
     * is left for the next run).
     *
     * @return how many items it changed
     */
    int sweep(Instant now, Instant deadline);
}
