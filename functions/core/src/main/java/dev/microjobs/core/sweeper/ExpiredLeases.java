package dev.microjobs.core.sweeper;

import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.review.ClaimCandidate;
import dev.microjobs.core.review.ReviewStore;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Puts tasks whose lease ran out back to READY, so other workers get them. A worker whose
 * lease ran out can no longer submit (409), and a claim may also take such a task over
 * before this sweep gets to it; either way the conditional write lets only one of them win.
 */
@Singleton
@Order(10)
public class ExpiredLeases implements Sweep {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredLeases.class);
    /** Tasks read in one request: the most one BatchGetItem takes. */
    static final int TASKS_PER_READ = 100;

    private final ReviewStore store;
    private final Clock clock;

    public ExpiredLeases(ReviewStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "expiredLeases";
    }

    @Override
    public int sweep(Instant now, Instant deadline) {
        int returned = 0;
        Iterator<ClaimCandidate> expired = store.expiredLeases(now).iterator();
        while (expired.hasNext() && !clock.instant().isAfter(deadline)) {
            List<String> taskIds = new ArrayList<>();
            while (expired.hasNext() && taskIds.size() < TASKS_PER_READ) {
                taskIds.add(expired.next().taskId());
            }
            for (Task task : store.findTasks(taskIds)) {
                if (clock.instant().isAfter(deadline)) {
                    break;
                }
                // The index may lag: only a task still CLAIMED under an expired lease goes back.
                if (task.state() == TaskState.CLAIMED && !now.isBefore(task.claim().leaseExpiresAt())
                        && endLease(task, now)) {
                    returned++;
                }
            }
        }
        return returned;
    }

    /**
     * One task's failed write leaves that task for the next run instead of ending this one: the
     * tasks behind it in the index have waited out their leases too.
     */
    private boolean endLease(Task task, Instant now) {
        try {
            return store.endLease(task, task.transition(TaskState.READY, now));
        } catch (RuntimeException e) {
            LOG.warn("Task {} stays CLAIMED under its expired lease until the next sweep: {}", task.id(), e.toString());
            return false;
        }
    }
}
