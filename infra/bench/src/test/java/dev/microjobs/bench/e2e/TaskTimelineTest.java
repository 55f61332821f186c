package dev.microjobs.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.microjobs.bench.e2e.TaskTimeline.Stage;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskTimelineTest {

    private static final Instant SUBMITTED = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void submitToReadySplitsAtTheTasksCreationByIntake() {
        TaskTimeline drafted = new TaskTimeline("task_1", "job_1", SUBMITTED, SUBMITTED.plusMillis(40),
                SUBMITTED.plusMillis(190), null, null, null, null);

        assertEquals(Optional.of(190.0), drafted.millis(Stage.SUBMIT_TO_READY));
        assertEquals(Optional.of(40.0), drafted.millis(Stage.SUBMIT_TO_CREATED));
        assertEquals(Optional.of(150.0), drafted.millis(Stage.CREATED_TO_READY));
        assertEquals(Optional.empty(), drafted.millis(Stage.READY_TO_CLAIMED), "never claimed");
    }
}
