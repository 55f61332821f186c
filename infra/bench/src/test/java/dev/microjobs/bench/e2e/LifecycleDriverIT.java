package dev.microjobs.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.microjobs.bench.Eventually;
import dev.microjobs.bench.e2e.TaskTimeline.Stage;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.local.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleDriverIT {

    @Test
    void drivesEveryTaskToPaidWithTheLedgerConserved() throws Exception {
        try (WebhookSink webhooks = new WebhookSink();
             LocalStack stack = LocalStack.start(BenchStackOptions.of(Path.of("../..")))) {
            LifecycleDriver.Settings settings = LifecycleDriver.Settings.of(23).withTasksPerJob(5).withBusinesses(2)
                    .withWorkers(3).withJobsAhead(2).withTimeout(Duration.ofSeconds(60)).withWebhookUrl(webhooks.url());

            LifecycleDriver.Result result = new LifecycleDriver(stack, settings).run();

            assertTrue(result.allPaid(), "final states " + result.finalStates());
            assertEquals(23, result.timelines().size());
            assertEquals(23, result.finalStates().get(TaskState.PAID));
            assertTrue(result.ledger().conserved(), result.ledger().summary() + " " + result.ledger().problems());
            for (Stage stage : Stage.values()) {
                assertEquals(23, result.stage(stage).count(), stage + " measured for every task");
                assertTrue(result.stage(stage).p50() >= 0, stage + " runs forward in time");
            }
            assertTrue(result.timelines().stream().allMatch(t -> !t.paid().isBefore(t.submitted())));
            assertTrue(result.tasksPerSecond() > 0);
            // The first business (jobs 1, 3 and 5: 13 tasks) takes webhooks: each task's drafted, approved and
            // paid events and each job's completion reach the sink; the other business's events go nowhere.
            Eventually.waitFor(() -> webhooks.deliveries() >= 13 * 3 + 3, Duration.ofSeconds(30));
            assertTrue(webhooks.deliveries() >= 13 * 3 + 3, webhooks.deliveries() + " deliveries");
        }
    }

    @Test
    void withoutWorkersTheRunEndsOnceEveryTaskIsReady() throws Exception {
        try (LocalStack stack = LocalStack.start(BenchStackOptions.of(Path.of("../..")))) {
            LifecycleDriver.Settings settings = LifecycleDriver.Settings.of(12).withTasksPerJob(12).withWorkers(0)
                    .withTimeout(Duration.ofSeconds(60));

            LifecycleDriver.Result result = new LifecycleDriver(stack, settings).run();

            assertEquals(Map.of(TaskState.READY, 12), result.finalStates());
            assertEquals(12, result.stage(Stage.SUBMIT_TO_READY).count());
            assertEquals(0, result.stage(Stage.READY_TO_CLAIMED).count(), "nobody claimed");
            assertTrue(result.elapsed().compareTo(Duration.ofSeconds(30)) < 0, "ended at READY, not at a timeout: " + result.elapsed());
            assertTrue(result.ledger().conserved(), result.ledger().summary() + " " + result.ledger().problems());
        }
    }
}
