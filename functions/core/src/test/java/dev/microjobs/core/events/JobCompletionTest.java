package dev.microjobs.core.events;

import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobStatus;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.ports.JobProgressStore;
import dev.microjobs.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobCompletionTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final IdGenerator ids = new IdGenerator(clock);
    private final FakeEventStore store = new FakeEventStore();
    private final Progress progress = new Progress(store);
    private final List<Event> published = new ArrayList<>();
    private final JobCompletion completion = new JobCompletion(progress, store, published::addAll, ids, clock);

    @Test
    void aSmallJobIsCountedInOneReadAndCompletesOnce() {
        Job job = progress.add(job(20), Map.of(TaskState.PAID, 19, TaskState.SUBMITTED, 1));
        completion.check(job.id());
        assertTrue(published.isEmpty(), "a task still waits for its approval");

        progress.counts.put(TaskState.SUBMITTED, 0);
        progress.counts.put(TaskState.PAID, 20);
        completion.check(job.id());
        completion.check(job.id());

        assertEquals(List.of(EventType.JOB_COMPLETED), published.stream().map(Event::type).toList(), "published once");
        assertEquals(2, progress.fullCounts, "the third check finds the completion recorded and counts nothing");
        assertEquals(0, progress.openQueries, "a job of one page is simply counted");
    }

    @Test
    void onceItsCompletionIsRecordedAJobIsNotCountedAgain() {
        Job job = progress.add(job(20), Map.of(TaskState.PAID, 20));
        completion.check(job.id());
        int countsAfterCompletion = progress.fullCounts;

        completion.check(job.id());
        completion.checkCounted(job.id(), Map.of(TaskState.PAID, 20));

        assertEquals(1, published.size());
        assertEquals(countsAfterCompletion, progress.fullCounts, "the payouts that follow the completion read only the job");
    }

    @Test
    void aBigJobWithWorkLeftIsNotCountedInFull() {
        Job job = progress.add(job(5_000), Map.of(TaskState.PAID, 4_990, TaskState.READY, 10));

        completion.check(job.id());

        assertTrue(published.isEmpty());
        assertEquals(0, progress.fullCounts, "the check after each payout must not read every task of the job");
        assertEquals(List.of(TaskState.READY), progress.statesAsked, "stops at the first open state found");
    }

    @Test
    void aBigJobWithNothingOpenIsCountedThenCompleted() {
        Job job = progress.add(job(5_000), Map.of(TaskState.PAID, 4_900, TaskState.EXPIRED, 100));

        completion.check(job.id());

        assertEquals(List.of(EventType.JOB_COMPLETED), published.stream().map(Event::type).toList());
        assertEquals(List.of(TaskState.READY, TaskState.SUBMITTED, TaskState.CLAIMED, TaskState.DRAFTING), progress.statesAsked);
        assertEquals(1, progress.fullCounts);
    }

    @Test
    void aBigOpenJobWhoseTasksAreNotAllIndexedYetStaysOpen() {
        Job job = progress.add(job(5_000), Map.of(TaskState.PAID, 4_999));

        completion.check(job.id());

        assertTrue(published.isEmpty(), "one task is still on its way to the index");
        assertEquals(1, progress.fullCounts);
    }

    @Test
    void countsReadByTheCallerCompleteAJobWithNothingOpenOnceAndReadItOnlyThen() {
        Job job = progress.add(job(20), Map.of());

        completion.checkCounted(job.id(), Map.of(TaskState.PAID, 19, TaskState.READY, 1));
        assertEquals(0, progress.jobReads, "a task is open: no need to read the job");
        assertTrue(published.isEmpty());

        completion.checkCounted(job.id(), Map.of(TaskState.PAID, 19, TaskState.EXPIRED, 1));
        completion.checkCounted(job.id(), Map.of(TaskState.PAID, 19, TaskState.EXPIRED, 1));

        assertEquals(List.of(EventType.JOB_COMPLETED), published.stream().map(Event::type).toList(), "published once");
        assertEquals(0, progress.fullCounts, "the caller's counts are used");
    }

    @Test
    void countsReadByTheCallerNeverCompleteACancelledJob() {
        Job open = job(2);
        progress.add(new Job(open.id(), open.businessId(), open.type(), open.title(), open.instructions(), open.reward(),
                open.fee(), open.assignments(), open.taskCount(), open.skills(), open.drafting(), open.callbackUrl(),
                open.leaseSeconds(), open.autoApproveAfterSeconds(), open.createdAt(), open.expiresAt(),
                JobStatus.CANCELLED), Map.of());

        completion.checkCounted(open.id(), Map.of(TaskState.PAID, 1, TaskState.CANCELLED, 1));

        assertTrue(published.isEmpty());
    }

    private Job job(int tasks) {
        return new Job(ids.next(IdType.JOB), ids.next(IdType.BUSINESS), JobType.TAGLINE, "Taglines for Acme",
                "Five words at most.", new Money(25, "USD"), new Money(5, "USD"), 1, tasks,
                Set.of("copywriting"), new Job.DraftSettings(DraftProviderName.OFFLINE, null), null, 600, 86_400,
                clock.instant(), clock.instant().plus(Duration.ofDays(7)), JobStatus.OPEN);
    }

    /** One job's task index, counted as DynamoDB would: a full count reads every entry, an open-state query at most one. */
    private static final class Progress implements JobProgressStore {
        private final FakeEventStore completions;
        private Job job;
        final Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
        final List<TaskState> statesAsked = new ArrayList<>();
        int fullCounts;
        int openQueries;
        int jobReads;

        Progress(FakeEventStore completions) {
            this.completions = completions;
        }

        Job add(Job added, Map<TaskState, Integer> indexed) {
            job = added;
            counts.putAll(indexed);
            return added;
        }

        @Override
        public Optional<JobProgressStore.Progress> findProgress(String jobId) {
            jobReads++;
            return Optional.ofNullable(job).filter(j -> j.id().equals(jobId))
                    .map(found -> new JobProgressStore.Progress(found, completions.completionRecorded(jobId)));
        }

        @Override
        public Map<TaskState, Integer> countTasksByState(String jobId) {
            fullCounts++;
            Map<TaskState, Integer> present = new EnumMap<>(TaskState.class);
            counts.forEach((state, count) -> {
                if (count > 0) {
                    present.put(state, count);
                }
            });
            return present;
        }

        @Override
        public boolean hasTaskIn(String jobId, List<TaskState> states) {
            openQueries++;
            for (TaskState state : states) {
                statesAsked.add(state);
                if (counts.getOrDefault(state, 0) > 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
