package dev.microjobs.core.review;

import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.domain.DraftUse;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobStatus;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.errors.ConflictException;
import dev.microjobs.core.errors.NotFoundException;
import dev.microjobs.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static dev.microjobs.core.review.ReviewFixtures.submission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerClaimsTest {
    private final ReviewFixtures fx = new ReviewFixtures();

    private WorkerClaims.ClaimedTask claim(String workerId) {
        return fx.claims.claimNext(workerId, Optional.empty()).orElseThrow(() -> new AssertionError("nothing claimed"));
    }

    @Test
    void eachClaimTakesOneOfTheFirstTasksInOfferOrderHighestRewardFirstThenOldest() {
        Task cheap = fx.readyTasks(fx.job(10, 1, 1, 600, "copy"), "a").get(0);
        List<Task> dear = fx.readyTasks(fx.job(50, 1, WorkerClaims.SPREAD + 4, 600, "copy"), "b");
        String worker = fx.worker("copy");
        List<String> queue = new ArrayList<>(dear.stream().map(Task::id).toList());
        queue.add(cheap.id());

        while (!queue.isEmpty()) {
            String claimed = claim(worker).task().id();
            int place = queue.indexOf(claimed);
            assertTrue(place >= 0 && place < WorkerClaims.SPREAD, claimed + " is at " + place + " of " + queue);
            queue.remove(claimed);
        }
        assertTrue(fx.claims.claimNext(worker, Optional.empty()).isEmpty());
    }

    @Test
    void workersAskingAtOnceAreSpreadOverTheHeadOfTheQueue() {
        Set<Integer> firstPicks = new HashSet<>();
        for (int seed = 0; seed < 20; seed++) {
            ReviewFixtures fresh = new ReviewFixtures(new Random(seed));
            List<String> queue = fresh.readyTasks(fresh.job(50, 1, 40, 600, "copy"), "a").stream().map(Task::id).toList();
            String claimed = fresh.claims.claimNext(fresh.worker("copy"), Optional.empty()).orElseThrow().task().id();
            firstPicks.add(queue.indexOf(claimed));
        }

        assertTrue(firstPicks.size() > 5, "the first claim on the same queue went to " + firstPicks);
        assertTrue(firstPicks.stream().allMatch(place -> place >= 0 && place < WorkerClaims.SPREAD), firstPicks.toString());
    }

    @Test
    void aTaskClaimedSinceTheIndexWasReadIsNotOfferedAgain() {
        Task task = fx.readyTasks(fx.job(10, 1, 1, 600, "copy"), "a").get(0);
        String first = fx.worker("copy");
        Task claimed = claim(first).task();
        // The index still offers the task as READY, as it would to a worker who read it just before the claim.
        fx.store.indexLagsWith(task);
        int readsBefore = fx.store.taskReads();

        assertTrue(fx.claims.claimNext(fx.worker("copy"), Optional.empty()).isEmpty());
        assertEquals(claimed, fx.store.task(task.id()), "the first claim stands");
        assertEquals(1, fx.store.taskReads() - readsBefore, "the task read once and seen taken");
    }

    @Test
    void aLostRaceAfterTheReadMovesOnWithoutReadingTheTaskAgain() {
        Task task = fx.readyTasks(fx.job(10, 1, 1, 600, "copy"), "a").get(0);
        String winner = fx.worker("copy");
        fx.store.afterNextRead(() -> claim(winner));

        assertTrue(fx.claims.claimNext(fx.worker("copy"), Optional.empty()).isEmpty());
        assertEquals(winner, fx.store.task(task.id()).claim().workerId());
        assertEquals(2, fx.store.taskReads(), "one read each; the loser's failed write said the task is taken");
    }

    @Test
    void aStaleEntryWhoseLeaseRanOutIsTakenOver() {
        Task task = fx.readyTasks(fx.job(10, 1, 1, 60, "copy"), "a").get(0);
        String late = fx.worker("copy");
        claim(late);
        fx.clock.advance(Duration.ofSeconds(61));
        fx.store.indexLagsWith(task);
        String next = fx.worker("copy");
        int readsBefore = fx.store.taskReads();

        Task taken = claim(next).task();

        assertEquals(task.id(), taken.id());
        assertEquals(next, taken.claim().workerId());
        assertEquals(1, fx.store.taskReads() - readsBefore);
    }

    @Test
    void aWorkerGetsOnlyTasksWhoseSkillsTheyAllHave() {
        Task both = fx.readyTasks(fx.job(90, 1, 1, 600, "copy", "german"), "a").get(0);
        Task copy = fx.readyTasks(fx.job(10, 1, 1, 600, "copy"), "b").get(0);

        assertEquals(copy.id(), claim(fx.worker("copy")).task().id());
        assertEquals(both.id(), claim(fx.worker("copy", "german", "audio")).task().id());
    }

    @Test
    void anInstanceClaimsWithTheProfileItReadForAMinute() {
        String workerId = fx.worker("copy");
        fx.readyTasks(fx.job(10, 1, 1, 600, "copy"), "a");
        fx.readyTasks(fx.job(90, 1, 1, 600, "copy", "german"), "b");

        claim(workerId);
        assertEquals(Optional.empty(), fx.claims.claimNext(workerId, Optional.empty()), "only the german task is left");
        fx.store.add(new Worker(workerId, "Ana", Set.of("copy", "german"), null, fx.clock.instant()));
        fx.clock.advance(WorkerClaims.REMEMBERED_FOR.minusSeconds(1));
        assertEquals(Optional.empty(), fx.claims.claimNext(workerId, Optional.empty()), "the profile read first still counts");
        assertEquals(1, fx.store.workerReads(), "three claims, one read of the profile");

        fx.clock.advance(Duration.ofSeconds(1));
        assertTrue(fx.claims.claimNext(workerId, Optional.empty()).isPresent(), "a minute on, the profile is read again");
        assertEquals(2, fx.store.workerReads());
    }

    @Test
    void anInstanceClaimsWithTheJobItReadForAMinute() {
        Job job = fx.job(10, 1, 3, 600, "copy");
        fx.readyTasks(job, "a");

        claim(fx.worker("copy"));
        claim(fx.worker("copy"));
        assertEquals(1, fx.store.jobReads(), "two claims on one job, one read of it");

        fx.clock.advance(WorkerClaims.REMEMBERED_FOR);
        claim(fx.worker("copy"));
        assertEquals(2, fx.store.jobReads(), "a minute on, the job is read again");
    }

    @Test
    void aPreferredSkillComesFirstAndMustBeTheWorkers() {
        fx.readyTasks(fx.job(90, 1, 1, 600, "copy"), "a");
        Task audio = fx.readyTasks(fx.job(10, 1, 1, 600, "audio"), "b").get(0);
        String worker = fx.worker("copy", "audio");

        assertEquals(audio.id(), fx.claims.claimNext(worker, Optional.of("audio")).orElseThrow().task().id());
        assertThrows(ValidationException.class, () -> fx.claims.claimNext(worker, Optional.of("german")));
    }

    @Test
    void theClaimLeasesTheTaskForTheJobsLeaseSeconds() {
        Task task = fx.readyTasks(fx.job(10, 1, 1, 300, "copy"), "a").get(0);
        String worker = fx.worker("copy");

        Task claimed = claim(worker).task();

        assertEquals(TaskState.CLAIMED, claimed.state());
        assertEquals(task.id(), claimed.id());
        assertEquals(worker, claimed.claim().workerId());
        assertEquals(ReviewFixtures.T0.plusSeconds(300), claimed.claim().leaseExpiresAt());
        assertEquals(claimed, fx.store.task(task.id()));
    }

    @Test
    void aStaleIndexEntryIsReadAgainAndStillClaimed() {
        Task task = fx.readyTasks(fx.job(10, 1, 1, 600, "copy"), "a").get(0);
        String first = fx.worker("copy");
        String claimId = claim(first).task().claim().claimId();
        fx.claims.release(first, claimId);
        // The index still shows the READY task as it was before the claim: its version is old.
        fx.store.indexLagsWith(task);

        assertEquals(task.id(), claim(fx.worker("copy")).task().id());
    }

    @Test
    void oneWorkerNeverGetsTwoSiblingsOfOneInput() {
        List<Task> siblings = fx.readyTasks(fx.job(10, 3, 1, 600, "copy"), "a");
        String worker = fx.worker("copy");
        String other = fx.worker("copy");

        String first = claim(worker).task().id();
        assertTrue(fx.claims.claimNext(worker, Optional.empty()).isEmpty(), "the other two are siblings");
        String second = claim(other).task().id();

        assertTrue(siblings.stream().map(Task::id).toList().containsAll(List.of(first, second)));
        assertFalse(first.equals(second));
    }

    @Test
    void onlyAnInputWithSiblingsIsMarkedAsWorked() {
        Task single = fx.readyTasks(fx.job(10, 1, 1, 600, "solo"), "a").get(0);
        List<Task> siblings = fx.readyTasks(fx.job(10, 2, 1, 600, "pair"), "b");
        String worker = fx.worker("solo", "pair");

        Task claimedSingle = fx.claims.claimNext(worker, Optional.of("solo")).orElseThrow().task();
        Task claimedSibling = fx.claims.claimNext(worker, Optional.of("pair")).orElseThrow().task();

        assertEquals(single.id(), claimedSingle.id());
        assertFalse(fx.store.marked(single, worker), "nothing to keep the worker off: the input has one task");
        assertTrue(fx.store.marked(siblings.get(0), worker));
        assertEquals(claimedSibling.jobId(), siblings.get(0).jobId());
    }

    @Test
    void releasingPutsTheTaskBackAtOnceAndFreesTheInputForTheWorker() {
        fx.readyTasks(fx.job(10, 2, 1, 600, "copy"), "a");
        String worker = fx.worker("copy");
        WorkerClaims.ClaimedTask held = claim(worker);

        Task released = fx.claims.release(worker, held.task().claim().claimId());

        assertEquals(TaskState.READY, released.state());
        assertEquals(TaskState.READY, fx.store.task(held.task().id()).state());
        assertFalse(fx.store.marked(held.task(), worker));
        assertTrue(fx.claims.claimNext(worker, Optional.empty()).isPresent(), "a sibling is theirs to take now");
        assertThrows(ConflictException.class, () -> fx.claims.release(worker, held.task().claim().claimId()));
    }

    @Test
    void extendingAddsTheLeaseAgainUpToTwoHoursFromTheClaim() {
        fx.readyTasks(fx.job(10, 1, 1, 3000, "copy"), "a");
        String worker = fx.worker("copy");
        String claimId = claim(worker).task().claim().claimId();

        fx.clock.advance(Duration.ofSeconds(100));
        assertEquals(ReviewFixtures.T0.plusSeconds(6000), fx.claims.extend(worker, claimId).task().claim().leaseExpiresAt());
        assertEquals(ReviewFixtures.T0.plusSeconds(7200), fx.claims.extend(worker, claimId).task().claim().leaseExpiresAt());
        assertThrows(ConflictException.class, () -> fx.claims.extend(worker, claimId));
    }

    @Test
    void anExpiredLeaseCannotBeExtended() {
        fx.readyTasks(fx.job(10, 1, 1, 60, "copy"), "a");
        String worker = fx.worker("copy");
        String claimId = claim(worker).task().claim().claimId();

        fx.clock.advance(Duration.ofSeconds(60));

        assertThrows(ConflictException.class, () -> fx.claims.extend(worker, claimId));
    }

    @Test
    void theSubmissionRecordsOutputTimesAndHowMuchOfTheDraftChanged() {
        fx.readyTasks(fx.job(10, 1, 1, 600, "copy"), "Fresh coffee daily");
        String worker = fx.worker("copy");
        Task claimed = claim(worker).task();
        fx.clock.advance(Duration.ofSeconds(95));

        Task submitted = fx.claims.submit(worker, claimed.claim().claimId(), submission("Fresh coffee, daily!", DraftUse.EDITED));

        assertEquals(TaskState.SUBMITTED, submitted.state());
        var work = submitted.submission();
        assertEquals("Fresh coffee, daily!", work.output().textValue());
        assertEquals(DraftUse.EDITED, work.draftUsed());
        assertEquals(ReviewFixtures.T0, work.claimedAt());
        assertEquals(ReviewFixtures.T0.plusSeconds(95), work.submittedAt());
        assertEquals(95, work.secondsSpent());
        assertEquals(2.0 / 20, work.editRatio(), 1e-9);
        assertEquals(submitted, fx.store.task(claimed.id()));
    }

    @Test
    void withoutADraftTheDraftCountsAsDiscardedAndAllOfTheOutputIsNew() {
        fx.readyTasks(fx.job(10, 1, 1, 600, "copy"), null);
        String worker = fx.worker("copy");
        String claimId = claim(worker).task().claim().claimId();

        var work = fx.claims.submit(worker, claimId, submission("Mine", DraftUse.ACCEPTED)).submission();

        assertEquals(DraftUse.DISCARDED, work.draftUsed());
        assertEquals(1.0, work.editRatio());
    }

    @Test
    void aSecondSubmitIsAConflictAndTheFirstIsKept() {
        fx.readyTasks(fx.job(10, 1, 1, 600, "copy"), "a");
        String worker = fx.worker("copy");
        String claimId = claim(worker).task().claim().claimId();
        Task first = fx.claims.submit(worker, claimId, submission("first", DraftUse.EDITED));

        assertThrows(ConflictException.class, () -> fx.claims.submit(worker, claimId, submission("second", DraftUse.EDITED)));
        assertEquals(first, fx.store.task(first.id()));
    }

    @Test
    void aSubmitAfterTheLeaseRanOutIsAConflictAndChangesNothing() {
        fx.readyTasks(fx.job(10, 1, 1, 60, "copy"), "a");
        String worker = fx.worker("copy");
        Task claimed = claim(worker).task();

        fx.clock.advance(Duration.ofSeconds(61));

        assertThrows(ConflictException.class,
                () -> fx.claims.submit(worker, claimed.claim().claimId(), submission("late", DraftUse.EDITED)));
        assertEquals(claimed, fx.store.task(claimed.id()));
    }

    @Test
    void anExpiredLeaseIsTakenOverByTheNextClaimAndTheOldClaimIsDone() {
        // Two assignments, so the input's marks count; the sibling is held by a third worker until after the takeover.
        fx.readyTasks(fx.job(10, 2, 1, 60, "copy"), "a");
        String late = fx.worker("copy");
        Task first = claim(late).task();
        fx.clock.advance(Duration.ofSeconds(30));
        claim(fx.worker("copy"));
        fx.clock.advance(Duration.ofSeconds(31));

        String next = fx.worker("copy");
        Task taken = claim(next).task();

        assertEquals(first.id(), taken.id());
        assertEquals(next, taken.claim().workerId());
        assertFalse(fx.store.marked(first, late), "the late worker's mark went with the lease");
        assertTrue(fx.store.marked(first, next));
        assertThrows(ConflictException.class,
                () -> fx.claims.submit(late, first.claim().claimId(), submission("late", DraftUse.EDITED)));
        assertThrows(ConflictException.class, () -> fx.claims.release(late, first.claim().claimId()));
    }

    @Test
    void aLiveLeaseIsNeverTakenOver() {
        fx.readyTasks(fx.job(10, 1, 1, 60, "copy"), "a");
        claim(fx.worker("copy"));
        fx.clock.advance(Duration.ofSeconds(59));

        assertTrue(fx.claims.claimNext(fx.worker("copy"), Optional.empty()).isEmpty());
    }

    @Test
    void anotherWorkersClaimIsAnsweredLikeOneThatDoesNotExist() {
        fx.readyTasks(fx.job(10, 1, 1, 600, "copy"), "a");
        String owner = fx.worker("copy");
        Task held = claim(owner).task();
        String claimId = held.claim().claimId();
        String intruder = fx.worker("copy");

        assertThrows(NotFoundException.class, () -> fx.claims.submit(intruder, claimId, submission("x", DraftUse.EDITED)));
        assertThrows(NotFoundException.class, () -> fx.claims.extend(intruder, claimId));
        assertThrows(NotFoundException.class, () -> fx.claims.release(intruder, claimId));
        assertThrows(NotFoundException.class, () -> fx.claims.release(owner, fx.ids.next(IdType.CLAIM)));
        assertThrows(NotFoundException.class, () -> fx.claims.release(owner, "clm_<script>"));
        assertEquals(held, fx.store.task(held.id()));
    }

    @Test
    void tasksOfAJobThatIsNoLongerOpenAreNotOffered() {
        Job job = fx.job(10, 1, 1, 600, "copy");
        fx.readyTasks(job, "a");
        fx.store.add(new Job(job.id(), job.businessId(), job.type(), job.title(), job.instructions(), job.reward(),
                job.fee(), job.assignments(), job.taskCount(), job.skills(), job.drafting(), job.callbackUrl(),
                job.leaseSeconds(), job.autoApproveAfterSeconds(), job.createdAt(), job.expiresAt(),
                JobStatus.CANCELLED));

        assertTrue(fx.claims.claimNext(fx.worker("copy"), Optional.empty()).isEmpty());
    }

    @Test
    void aClaimRecordWhoseClaimNeverHeldTheTaskIsAnsweredLikeAnEndedClaim() {
        List<Task> tasks = fx.readyTasks(fx.job(10, 1, 2, 600, "copy"), "a");
        Task taken = claim(fx.worker("copy")).task();
        Task free = tasks.stream().filter(task -> !task.id().equals(taken.id())).findFirst().orElseThrow();
        String worker = fx.worker("copy");
        for (Task task : List.of(free, taken)) {
            String claimId = fx.ids.next(IdType.CLAIM);
            fx.store.recordClaimThatNeverHeld(new ClaimRecord(claimId, task.id(), worker, fx.clock.instant()));

            assertThrows(ConflictException.class, () -> fx.claims.extend(worker, claimId));
            assertThrows(ConflictException.class, () -> fx.claims.release(worker, claimId));
            assertThrows(ConflictException.class,
                    () -> fx.claims.submit(worker, claimId, submission("mine?", DraftUse.EDITED)));
            assertEquals(task, fx.store.task(task.id()), "the task is as it was");
        }
    }

}
