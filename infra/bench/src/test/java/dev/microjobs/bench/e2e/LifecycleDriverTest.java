package dev.microjobs.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class LifecycleDriverTest {

    @Test
    void jobsSplitTheTasksWithTheRemainderLast() {
        LifecycleDriver.Settings settings = LifecycleDriver.Settings.of(45).withTasksPerJob(20);

        assertEquals(3, settings.jobs());
        assertEquals(20, settings.tasksOfJob(0));
        assertEquals(20, settings.tasksOfJob(1));
        assertEquals(5, settings.tasksOfJob(2));
    }

    @Test
    void refusesSettingsThatCannotRun() {
        assertThrows(IllegalArgumentException.class, () -> LifecycleDriver.Settings.of(0));
        assertThrows(IllegalArgumentException.class, () -> LifecycleDriver.Settings.of(10).withWorkers(-1));
        assertThrows(IllegalArgumentException.class, () -> LifecycleDriver.Settings.of(10).withTasksPerJob(1001));
        assertThrows(IllegalArgumentException.class, () -> LifecycleDriver.Settings.of(10).withJobsAhead(-1));
    }

    @Test
    void aSubmitterWaitsUntilTheMonitorCountsRoomForItsJob() throws Exception {
        LifecycleDriver.Backlog backlog = new LifecycleDriver.Backlog(40);
        Instant never = Instant.now().plus(Duration.ofMinutes(5));
        backlog.awaitRoomFor(20, never);
        backlog.awaitRoomFor(20, never);
        ExecutorService submitter = Executors.newSingleThreadExecutor();
        try {
            Future<?> third = submitter.submit(() -> {
                backlog.awaitRoomFor(20, never);
                return null;
            });
            assertThrows(TimeoutException.class, () -> third.get(300, TimeUnit.MILLISECONDS), "40 tasks wait already");

            backlog.counted(40, 25);
            assertThrows(TimeoutException.class, () -> third.get(300, TimeUnit.MILLISECONDS), "25 + 20 > 40");

            backlog.counted(40, 15);
            third.get(10, TimeUnit.SECONDS);
        } finally {
            submitter.shutdownNow();
        }
    }

    @Test
    void withoutALimitEveryJobGoesAtOnce() {
        LifecycleDriver.Backlog backlog = new LifecycleDriver.Backlog(0);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 50; i++) {
                backlog.awaitRoomFor(20, Instant.now().plus(Duration.ofMinutes(5)));
            }
        });
    }
}
