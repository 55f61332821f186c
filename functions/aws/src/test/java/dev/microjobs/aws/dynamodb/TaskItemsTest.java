package dev.microjobs.aws.dynamodb;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.microjobs.core.domain.Claim;
import dev.microjobs.core.domain.Draft;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.DraftUse;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.Submission;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Clock;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskItemsTest {
    private static final IdGenerator IDS = new IdGenerator(Clock.systemUTC());
    private static final Instant AT = Instant.parse("2026-11-22T06:00:00Z");
    private final TaskItems items = new TaskItems();

    @Test
    void handedInWorkKeepsItsPlaceInTheWorkersPartitionThroughApprovalAndPayment() {
        Task submitted = submitted();
        Task approved = submitted.transition(TaskState.APPROVED, AT.plusSeconds(60));
        Task paid = approved.transition(TaskState.PAID, AT.plusSeconds(120));

        for (Update update : new Update[] {items.transition("table", submitted, approved), items.transition("table", approved, paid)}) {
            assertFalse(update.updateExpression().contains("gsi2"), update.updateExpression());
            assertTrue(update.updateExpression().contains("gsi1sk = :gsi1sk"), "the job's tasks by state still follow it");
        }
    }

    @Test
    void aTaskEnteringOrLeavingAQueueMovesInGsi2() {
        Task claimed = claimed();
        Task submitted = submit(claimed);

        Update claim = items.transition("table", ready(), claimed);
        assertEquals(TaskItems.LEASES, claim.expressionAttributeValues().get(":gsi2pk").s());
        Update handIn = items.transition("table", claimed, submitted);
        assertEquals(TaskItems.workerPartition(submitted.submission().workerId()), handIn.expressionAttributeValues().get(":gsi2pk").s());
        assertEquals(submitted.id(), handIn.expressionAttributeValues().get(":gsi2sk").s());
    }

    private static Task ready() {
        return new Task(IDS.next(IdType.TASK), IDS.next(IdType.JOB), IDS.next(IdType.BUSINESS),
                0, TaskState.READY, new TextNode("input"), new Money(25, "USD"), new Money(5, "USD"),
                Draft.none(DraftProviderName.NONE, "drafting is off", AT), null, null, null, AT, AT, 2);
    }

    private static Task claimed() {
        return ready().claim(new Claim(IDS.next(IdType.CLAIM), IDS.next(IdType.WORKER), AT, AT.plusSeconds(600)), AT);
    }

    private static Task submit(Task claimed) {
        Claim claim = claimed.claim();
        return claimed.submit(new Submission(claim.claimId(), claim.workerId(), new TextNode("work"), DraftUse.DISCARDED,
                AT, AT.plusSeconds(30), 4, 1.0), AT.plusSeconds(30));
    }

    private static Task submitted() {
        return submit(claimed());
    }
}
