package dev.microjobs.core.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.core.domain.DraftUse;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.microjobs.core.review.ReviewFixtures.submission;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkerOverviewTest {
    private final ReviewFixtures fx = new ReviewFixtures();
    private final List<WorkerPayout> payouts = new ArrayList<>();
    private final WorkerOverview overview = new WorkerOverview(fx.store, workerId -> payouts, fx.clock);

    @Test
    void showsLiveClaimsWorkByStateEarningsAndPayouts() {
        fx.readyTasks(fx.job(40, 1, 4, 600, "copy"), "draft");
        String worker = fx.worker("copy");
        List<Task> submitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String claimId = fx.claims.claimNext(worker, Optional.empty()).orElseThrow().task().claim().claimId();
            submitted.add(fx.claims.submit(worker, claimId, submission("done " + i, DraftUse.EDITED)));
        }
        Task live = fx.claims.claimNext(worker, Optional.empty()).orElseThrow().task();
        // The business approved one and it was paid; approved another one, not paid yet.
        Task paid = submitted.get(0).transition(TaskState.APPROVED, fx.clock.instant());
        fx.store.update(submitted.get(0), paid);
        fx.store.update(paid, paid.transition(TaskState.PAID, fx.clock.instant()));
        fx.store.update(submitted.get(1), submitted.get(1).transition(TaskState.APPROVED, fx.clock.instant()));
        payouts.add(new WorkerPayout("pay_1", new Money(40, "USD"), "paid", null, fx.clock.instant()));

        JsonNode me = overview.me(worker);

        assertEquals(1, me.get("claims").size());
        assertEquals(live.claim().claimId(), me.get("claims").get(0).get("id").asText());
        assertEquals("Taglines for Acme", me.get("claims").get(0).get("task").get("title").asText());
        JsonNode counts = me.get("submissions").get("counts");
        assertEquals(1, counts.get("SUBMITTED").asInt());
        assertEquals(1, counts.get("APPROVED").asInt());
        assertEquals(1, counts.get("PAID").asInt());
        assertEquals(0, counts.get("REJECTED").asInt());
        assertEquals(3, me.get("submissions").get("recent").size());
        assertEquals(80, me.get("earnings").get("pending").get("amount").asLong(), "one SUBMITTED + one APPROVED");
        assertEquals(40, me.get("earnings").get("paid").get("amount").asLong());
        assertEquals("USD", me.get("earnings").get("paid").get("currency").asText());
        assertEquals(1, me.get("payouts").size());
        assertEquals(40, me.get("payouts").get(0).get("amount").get("amount").asLong());
    }

    @Test
    void anExpiredLeaseIsNoLongerAClaimInProgress() {
        fx.readyTasks(fx.job(40, 1, 1, 60, "copy"), "draft");
        String worker = fx.worker("copy");
        fx.claims.claimNext(worker, Optional.empty()).orElseThrow();

        fx.clock.advance(Duration.ofSeconds(60));

        JsonNode me = overview.me(worker);
        assertEquals(0, me.get("claims").size());
        assertEquals(0, me.get("earnings").get("pending").get("amount").asLong());
    }

    @Test
    void countsTheReadyTasksTheWorkerCouldClaimPerSkill() {
        fx.readyTasks(fx.job(10, 1, 3, 600, "copy"), "a");
        fx.readyTasks(fx.job(10, 1, 2, 600, "copy", "german"), "a");
        fx.readyTasks(fx.job(10, 1, 1, 600), "a");
        fx.readyTasks(fx.job(10, 1, 4, 600, "audio"), "a");

        JsonNode queue = overview.queue(fx.worker("copy", "german"));

        assertEquals(6, queue.get("total").asInt(), "3 copy + 2 copy&german + 1 needing no skill");
        assertEquals(5, queue.get("skills").get("copy").asInt());
        assertEquals(2, queue.get("skills").get("german").asInt());
        assertEquals(2, queue.get("skills").size());
    }

    @Test
    void readsTheTasksOfAllRecentClaimsInOneRequest() {
        fx.readyTasks(fx.job(40, 1, 31, 600, "copy"), "draft");
        String worker = fx.worker("copy");
        for (int i = 0; i < 30; i++) {
            String claimId = fx.claims.claimNext(worker, Optional.empty()).orElseThrow().task().claim().claimId();
            fx.claims.submit(worker, claimId, submission("done " + i, DraftUse.EDITED));
        }
        Task live = fx.claims.claimNext(worker, Optional.empty()).orElseThrow().task();
        int readRequestsBefore = fx.store.taskReadRequests();

        JsonNode me = overview.me(worker);

        assertEquals(1, me.get("claims").size());
        assertEquals(live.claim().claimId(), me.get("claims").get(0).get("id").asText());
        assertEquals(1, fx.store.taskReadRequests() - readRequestsBefore, "one batch for 31 claims, not a read each");
    }

    @Test
    void aClaimRecordWhoseClaimNeverHeldTheTaskIsNoClaimInProgress() {
        Task task = fx.readyTasks(fx.job(40, 1, 1, 600, "copy"), "draft").get(0);
        String worker = fx.worker("copy");
        fx.store.recordClaimThatNeverHeld(
                new ClaimRecord(fx.ids.next(IdType.CLAIM), task.id(), worker, fx.clock.instant()));

        assertEquals(0, overview.me(worker).get("claims").size());
    }

}
