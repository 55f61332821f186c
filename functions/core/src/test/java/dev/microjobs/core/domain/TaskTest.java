package dev.microjobs.core.domain;

import static dev.microjobs.core.domain.Fixtures.IDS;
import static dev.microjobs.core.domain.Fixtures.T0;
import static dev.microjobs.core.domain.Fixtures.claim;
import static dev.microjobs.core.domain.Fixtures.draft;
import static dev.microjobs.core.domain.Fixtures.json;
import static dev.microjobs.core.domain.Fixtures.submissionUnder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskTest {

    private final Job job = Fixtures.job();
    private final String worker = IDS.next(IdType.WORKER);

    private Task drafting() {
        return Task.create(IDS.next(IdType.TASK), job, 1, json("{\"brand\":\"Acme\"}"), T0);
    }

    private Task ready() {
        return drafting().ready(draft("Acme: it just works"), T0.plusSeconds(1));
    }

    private Task claimed() {
        return ready().claim(claim(worker, T0.plusSeconds(10)), T0.plusSeconds(10));
    }

    private Task submitted() {
        Task claimed = claimed();
        return claimed.submit(submissionUnder(claimed.claim(), "Acme: simply works", T0.plusSeconds(60)),
                T0.plusSeconds(60));
    }

    @Test
    void aNewTaskCopiesTheJobAndWaitsForItsDraft() {
        Task task = drafting();

        assertEquals(TaskState.DRAFTING, task.state());
        assertEquals(job.id(), task.jobId());
        assertEquals(job.businessId(), task.businessId());
        assertEquals(job.reward(), task.reward());
        assertEquals(job.fee(), task.fee());
        assertEquals(1, task.version());
        assertEquals(T0, task.updatedAt());
    }

    @Test
    void theInputIndexMustBeOneOfTheJobsInputs() {
        assertThrows(IllegalArgumentException.class,
                () -> Task.create(IDS.next(IdType.TASK), job, job.inputCount(), json("{}"), T0));
        assertThrows(IllegalArgumentException.class,
                () -> Task.create(IDS.next(IdType.TASK), job, -1, json("{}"), T0));
    }

    @Test
    void walksTheHappyPathToPaid() {
        Task submitted = submitted();
        Instant approvedAt = T0.plusSeconds(3_600);

        Task approved = submitted.transition(TaskState.APPROVED, approvedAt);
        Task paid = approved.transition(TaskState.PAID, approvedAt.plusSeconds(5));

        assertEquals(TaskState.APPROVED, approved.state());
        assertEquals(approvedAt, approved.updatedAt());
        assertEquals(TaskState.PAID, paid.state());
        assertEquals(6, paid.version());
        assertEquals(submitted.submission(), paid.submission());
        assertEquals(worker, paid.claim().workerId());
        assertEquals(T0, paid.createdAt());
    }

    @Test
    void theOriginalIsUnchanged() {
        Task ready = ready();

        ready.claim(claim(worker, T0), T0.plusSeconds(2));

        assertEquals(TaskState.READY, ready.state());
        assertNull(ready.claim());
    }

    @Test
    void aReleasedTaskDropsTheClaimButKeepsTheDraft() {
        Task released = claimed().transition(TaskState.READY, T0.plusSeconds(30));

        assertEquals(TaskState.READY, released.state());
        assertNull(released.claim());
        assertNotNull(released.draft());
    }

    @Test
    void aRequeuedRejectionStartsTheNextWorkerClean() {
        Task requeued = submitted().transition(TaskState.READY, T0.plusSeconds(90));

        assertNull(requeued.claim());
        assertNull(requeued.submission());
        assertEquals("Acme: it just works", requeued.draft().content().textValue());
    }

    @Test
    void aRejectionCanBeUndone() {
        Task rejected = submitted().transition(TaskState.REJECTED, T0.plusSeconds(90));

        assertEquals(TaskState.APPROVED, rejected.transition(TaskState.APPROVED, T0.plusSeconds(100)).state());
    }

    @Test
    void aForbiddenMoveNamesTheTask() {
        Task paid = submitted().transition(TaskState.APPROVED, T0).transition(TaskState.PAID, T0);

        var e = assertThrows(IllegalTransitionException.class, () -> paid.transition(TaskState.READY, T0));

        assertEquals(paid.id(), e.taskId());
        assertEquals(TaskState.PAID, e.from());
        assertEquals(TaskState.READY, e.to());
    }

    @Test
    void submittedWorkIsNeverExpiredOrCancelled() {
        assertThrows(IllegalTransitionException.class, () -> submitted().transition(TaskState.EXPIRED, T0));
        assertThrows(IllegalTransitionException.class, () -> submitted().transition(TaskState.CANCELLED, T0));
    }

    @Test
    void aDuplicateClaimFails() {
        Task claimed = claimed();

        assertThrows(IllegalTransitionException.class,
                () -> claimed.claim(claim(IDS.next(IdType.WORKER), T0), T0.plusSeconds(11)));
    }

    @Test
    void aTaskCannotBeReadyWithoutADraft() {
        var e = assertThrows(IllegalArgumentException.class, () -> drafting().transition(TaskState.READY, T0));

        assertTrue(e.getMessage().contains("Draft.none"), e.getMessage());
    }

    @Test
    void aTaskWhoseDraftingGaveUpIsStillReady() {
        Task ready = drafting().ready(Draft.none(DraftProviderName.OPENAI, "timed out after 3 attempts", T0), T0);

        assertEquals(TaskState.READY, ready.state());
        assertEquals("timed out after 3 attempts", ready.draft().failureReason());
    }

    @Test
    void claimingOrSubmittingNeedsItsData() {
        assertThrows(IllegalArgumentException.class, () -> ready().transition(TaskState.CLAIMED, T0));
        assertThrows(IllegalArgumentException.class, () -> claimed().transition(TaskState.SUBMITTED, T0));
    }

    @Test
    void aSubmissionUnderAnotherClaimIsRefused() {
        Task claimed = claimed();
        Claim stale = claim(worker, T0);

        var e = assertThrows(IllegalArgumentException.class,
                () -> claimed.submit(submissionUnder(stale, "late", T0.plusSeconds(700)), T0.plusSeconds(700)));

        assertTrue(e.getMessage().contains(stale.claimId()), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"DRAFTING", "READY", "CLAIMED"})
    void unsubmittedWorkCanBeCancelledOrExpired(TaskState state) {
        Task task = switch (state) {
            case DRAFTING -> drafting();
            case READY -> ready();
            default -> claimed();
        };

        assertEquals(TaskState.CANCELLED, task.transition(TaskState.CANCELLED, T0).state());
        assertEquals(TaskState.EXPIRED, task.transition(TaskState.EXPIRED, T0).state());
    }

    @Test
    void theInputCannotBeChangedFromOutside() {
        ObjectNode input = (ObjectNode) json("{\"brand\":\"Acme\"}");
        Task task = Task.create(IDS.next(IdType.TASK), job, 0, input, T0);

        input.put("brand", "Evil");
        ((ObjectNode) task.input()).put("brand", "Evil");

        assertEquals("Acme", task.input().get("brand").textValue());
    }

    @Test
    void versionStartsAtOne() {
        Task t = drafting();

        assertThrows(IllegalArgumentException.class, () -> new Task(t.id(), t.jobId(), t.businessId(),
                t.inputIndex(), t.state(), t.input(), t.reward(), t.fee(), null, null, null, null, T0, T0, 0));
    }

    @Test
    void idsMustBeOfTheRightKind() {
        Task t = drafting();

        assertThrows(InvalidIdException.class, () -> new Task(t.jobId(), t.id(), t.businessId(),
                t.inputIndex(), t.state(), t.input(), t.reward(), t.fee(), null, null, null, null, T0, T0, 1));
        assertSame(t.id(), t.transition(TaskState.CANCELLED, T0).id());
    }
}
