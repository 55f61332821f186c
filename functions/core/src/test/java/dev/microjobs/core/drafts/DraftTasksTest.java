package dev.microjobs.core.drafts;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobStatus;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.events.Event;
import dev.microjobs.core.events.EventType;
import dev.microjobs.core.jobs.DraftSpend;
import dev.microjobs.core.ports.DraftQueue.DraftRequest;
import dev.microjobs.core.ports.Metrics;
import dev.microjobs.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DraftTasksTest {
    private static final long INPUT_TOKENS = 30;
    private static final long OUTPUT_TOKENS = 10;

    private final MutableClock clock = new MutableClock(DraftFixtures.T0);
    private final IdGenerator ids = new IdGenerator(clock);
    private final FakeDraftStore store = new FakeDraftStore();
    private final AtomicInteger aiCalls = new AtomicInteger();
    /** Each publish, as the list of events it carried. */
    private final List<List<Event>> publishes = Collections.synchronizedList(new ArrayList<>());
    /** Drafts wait here until it opens, so a test can see them all under way at once. */
    private volatile CountDownLatch allDrafting = new CountDownLatch(0);

    private final DraftProvider ai = new DraftProvider() {
        @Override
        public DraftProviderName name() {
            return DraftProviderName.OPENAI;
        }

        @Override
        public DraftResult draft(dev.microjobs.core.drafts.DraftRequest request) {
            aiCalls.incrementAndGet();
            allDrafting.countDown();
            try {
                if (!allDrafting.await(10, TimeUnit.SECONDS)) {
                    throw DraftProviderException.permanent("the other drafts never started");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new DraftResult(TextNode.valueOf("Fuel the climb."), "stub-model", INPUT_TOKENS, OUTPUT_TOKENS);
        }
    };

    private final Executor sameThread = Runnable::run;

    private final DraftTasks draftTasks = new DraftTasks(store, store, new Drafter(DraftProviders.of(List.of(ai)), clock),
            clock, publishes::add, ids, new Metrics() {
        @Override
        public void count(String name, long value) {
        }

        @Override
        public void milliseconds(String name, long value) {
        }
    });

    @Test
    void aBatchReadsItsJobsOnceAndAllItsTasksInOneReadAndPublishesItsEventsOnce() {
        Job first = job(null);
        Job second = job(null);
        List<DraftRequest> requests = List.of(request(first, 0, 2), request(first, 1, 2), request(first, 2, 2),
                request(second, 0, 1), request(second, 1, 1));

        DraftTasks.Batch batch = draftTasks.batch(requests, sameThread);
        requests.forEach(batch::draft);
        batch.publishDrafted();

        assertEquals(1, store.jobReads.size());
        assertEquals(Set.of(first.id(), second.id()), Set.copyOf(store.jobReads.get(0)));
        assertEquals(1, store.taskReads.size());
        assertEquals(8, store.taskReads.get(0).size());
        assertEquals(5, aiCalls.get(), "one draft per input, shared by its sibling tasks");
        requests.forEach(request -> request.taskIds().forEach(taskId ->
                assertEquals(TaskState.READY, store.task(taskId).state())));
        assertEquals(1, publishes.size());
        assertEquals(8, publishes.get(0).size());
        assertTrue(publishes.get(0).stream().allMatch(event -> event.type() == EventType.TASK_DRAFTED));
        assertEquals(new DraftSpend(3, 3 * INPUT_TOKENS, 3 * OUTPUT_TOKENS, 0), store.spend(first.id()));
        assertEquals(2, store.spend(second.id()).drafts());
        assertEquals(List.of(2, 2, 2, 1, 1), store.transitionBatches.stream().map(List::size).toList(),
                "drafted one after another, each request makes its sibling tasks READY in one write");
    }

    @Test
    void aBatchReadsItsJobsAndItsTasksAtTheSameTime() {
        Job job = job(null);
        DraftRequest request = request(job, 0, 2);
        store.readsTogether = new CountDownLatch(2);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            DraftTasks.Batch batch = draftTasks.batch(List.of(request), reader);
            batch.draft(request);
        } finally {
            reader.shutdownNow();
        }

        assertEquals(List.of(List.of(job.id())), store.jobReads);
        request.taskIds().forEach(taskId -> assertEquals(TaskState.READY, store.task(taskId).state()));
    }

    @Test
    void aBatchWhoseJobsCannotBeReadFailsWithTheReadsOwnError() {
        Job job = job(null);
        store.failJobReads();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> draftTasks.batch(List.of(request(job, 0, 1)), reader));
            assertEquals("table unavailable", failure.getMessage());
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void theRequestsOfABatchDraftAtTheSameTime() throws Exception {
        Job job = job(null);
        List<DraftRequest> requests = IntStream.range(0, 10).mapToObj(input -> request(job, input, 1)).toList();
        allDrafting = new CountDownLatch(requests.size());
        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        try {
            DraftTasks.Batch batch = draftTasks.batch(requests, sameThread);
            List<Future<Void>> drafts = requests.stream().map(request -> threads.submit(() -> {
                batch.draft(request);
                return (Void) null;
            })).toList();
            for (Future<Void> draft : drafts) {
                draft.get(20, TimeUnit.SECONDS);
            }
            batch.publishDrafted();
        } finally {
            threads.shutdownNow();
        }

        assertEquals(10, aiCalls.get(), "every AI call was under way before any of them answered");
        assertEquals(1, store.jobReads.size());
        assertEquals(1, store.taskReads.size());
        assertEquals(10, store.spend(job.id()).drafts());
        assertEquals(1, publishes.size());
        assertEquals(10, publishes.get(0).size());
        List<String> madeReady = store.transitionBatches.stream().flatMap(List::stream).toList();
        assertEquals(10, Set.copyOf(madeReady).size(), "every task in exactly one write");
        assertEquals(10, madeReady.size(), "every task in exactly one write");
    }

    @Test
    void aRequestForAMissingJobFailsAloneAndTheOthersAreDraftedAndPublished() {
        Job job = job(null);
        DraftRequest valid = request(job, 0, 1);
        DraftRequest poisoned = new DraftRequest(ids.next(IdType.JOB), 0, List.of(ids.next(IdType.TASK)));

        DraftTasks.Batch batch = draftTasks.batch(List.of(poisoned, valid), sameThread);
        assertThrows(IllegalArgumentException.class, () -> batch.draft(poisoned));
        batch.draft(valid);
        batch.publishDrafted();

        assertEquals(TaskState.READY, store.task(valid.taskIds().get(0)).state());
        assertEquals(List.of(valid.taskIds().get(0)), publishes.get(0).stream().map(Event::taskId).toList());
    }

    @Test
    void aFailedSpendWriteFailsOnlyItsRequestWhoseTasksStayDraftingForTheRetry() {
        Job failing = job(null);
        Job healthy = job(null);
        DraftRequest failed = request(failing, 0, 1);
        DraftRequest drafted = request(healthy, 0, 1);
        store.failSpendWritesOf(failing.id());

        DraftTasks.Batch batch = draftTasks.batch(List.of(failed, drafted), sameThread);
        assertThrows(IllegalStateException.class, () -> batch.draft(failed));
        batch.draft(drafted);
        batch.publishDrafted();

        assertEquals(TaskState.DRAFTING, store.task(failed.taskIds().get(0)).state());
        assertEquals(TaskState.READY, store.task(drafted.taskIds().get(0)).state());
        assertEquals(List.of(drafted.taskIds().get(0)), publishes.get(0).stream().map(Event::taskId).toList());

        store.recover();
        DraftTasks.Batch retry = draftTasks.batch(List.of(failed), sameThread);
        retry.draft(failed);
        retry.publishDrafted();
        assertEquals(TaskState.READY, store.task(failed.taskIds().get(0)).state());
        assertEquals(1, store.spend(failing.id()).drafts(), "the failed write added nothing");
    }

    @Test
    void aTaskNotWrittenFailsItsRequestWhileItsSiblingMadeReadyKeepsItsEventAndTheRetryDraftsOnlyTheOther() {
        Job job = job(null);
        DraftRequest request = request(job, 0, 2);
        String madeReady = request.taskIds().get(0);
        String unwritten = request.taskIds().get(1);
        store.failTransitionsOf(unwritten);

        DraftTasks.Batch batch = draftTasks.batch(List.of(request), sameThread);
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> batch.draft(request));
        batch.publishDrafted();

        assertTrue(failure.getMessage().contains(unwritten + ": ThrottlingError"), failure.getMessage());
        assertEquals(TaskState.READY, store.task(madeReady).state());
        assertEquals(TaskState.DRAFTING, store.task(unwritten).state());
        assertEquals(List.of(madeReady), publishes.get(0).stream().map(Event::taskId).toList());

        store.recover();
        DraftTasks.Batch redelivered = draftTasks.batch(List.of(request), sameThread);
        redelivered.draft(request);
        redelivered.publishDrafted();
        assertEquals(TaskState.READY, store.task(unwritten).state());
        assertEquals(List.of(unwritten), publishes.get(1).stream().map(Event::taskId).toList());
        assertEquals(List.of(unwritten), store.transitionBatches.get(1), "the task already READY is left alone");
    }

    @Test
    void aTaskCancelledWhileItsDraftWasWrittenStaysCancelledWithoutAnEventAndTheRequestSucceeds() {
        Job job = job(null);
        DraftRequest request = request(job, 0, 2);
        String cancelled = request.taskIds().get(1);

        DraftTasks.Batch batch = draftTasks.batch(List.of(request), sameThread);
        store.add(store.task(cancelled).transition(TaskState.CANCELLED, clock.instant()));
        batch.draft(request);
        batch.publishDrafted();

        assertEquals(TaskState.CANCELLED, store.task(cancelled).state());
        assertEquals(TaskState.READY, store.task(request.taskIds().get(0)).state());
        assertEquals(List.of(request.taskIds().get(0)), publishes.get(0).stream().map(Event::taskId).toList());
    }

    @Test
    void aDuplicateDeliveryInAnotherInvocationChangesNothingAndPublishesNothing() {
        Job job = job(null);
        DraftRequest request = request(job, 0, 1);
        String taskId = request.taskIds().get(0);
        DraftTasks.Batch first = draftTasks.batch(List.of(request), sameThread);
        DraftTasks.Batch duplicate = draftTasks.batch(List.of(request), sameThread);

        first.draft(request);
        first.publishDrafted();
        Task drafted = store.task(taskId);
        clock.advance(Duration.ofSeconds(1));
        duplicate.draft(request);
        duplicate.publishDrafted();

        assertEquals(drafted, store.task(taskId), "the first draft stands");
        assertEquals(1, publishes.size(), "one TASK_DRAFTED event");
        assertEquals(List.of(taskId), publishes.get(0).stream().map(Event::taskId).toList());
    }

    @Test
    void theSameRequestTwiceInOneBatchDraftsOnce() {
        Job job = job(null);
        DraftRequest request = request(job, 0, 2);

        DraftTasks.Batch batch = draftTasks.batch(List.of(request, request), sameThread);
        batch.draft(request);
        batch.draft(request);
        batch.publishDrafted();

        assertEquals(1, aiCalls.get());
        assertEquals(1, store.spend(job.id()).drafts());
        assertEquals(2, publishes.get(0).size());
    }

    @Test
    void aJobWhoseBudgetIsUsedUpGetsNoMoreDraftsAndItsSpendIsReadOncePerBatch() {
        Job spent = job(100L);
        store.spent(spent.id(), new DraftSpend(3, 80, 20, 900));
        List<DraftRequest> requests = List.of(request(spent, 0, 1), request(spent, 1, 1), request(spent, 2, 1));

        DraftTasks.Batch batch = draftTasks.batch(requests, sameThread);
        requests.forEach(batch::draft);
        batch.publishDrafted();

        assertEquals(0, aiCalls.get());
        assertEquals(List.of(spent.id()), store.spendReads);
        assertEquals(List.of(), store.spendWrites, "no draft, nothing spent");
        for (DraftRequest request : requests) {
            Task task = store.task(request.taskIds().get(0));
            assertEquals(TaskState.READY, task.state());
            assertFalse(task.draft().hasContent());
            assertEquals("The job's draft budget of 100 tokens is used up", task.draft().failureReason());
        }
        assertEquals(3, publishes.get(0).size());
    }

    @Test
    void aJobWithinItsBudgetIsDraftedAndItsSpendGrows() {
        Job budgeted = job(100L);
        Job unlimited = job(null);
        store.spent(budgeted.id(), new DraftSpend(1, 30, 10, 0));
        List<DraftRequest> requests = List.of(request(budgeted, 0, 1), request(budgeted, 1, 1), request(unlimited, 0, 1));

        DraftTasks.Batch batch = draftTasks.batch(requests, sameThread);
        requests.forEach(batch::draft);

        assertEquals(3, aiCalls.get());
        assertEquals(List.of(budgeted.id()), store.spendReads, "a job without a budget never reads its spend");
        assertEquals(new DraftSpend(3, 90, 30, 0), store.spend(budgeted.id()));
        assertTrue(store.task(requests.get(1).taskIds().get(0)).draft().hasContent());
    }

    @Test
    void deadLetteredRequestsShareTheReadsAndAMissingJobIsDropped() {
        Job job = job(null);
        List<DraftRequest> requests = List.of(request(job, 0, 1), request(job, 1, 2));
        DraftRequest forMissingJob = new DraftRequest(ids.next(IdType.JOB), 0, List.of(ids.next(IdType.TASK)));

        DraftTasks.Batch batch = draftTasks.batch(List.of(requests.get(0), requests.get(1), forMissingJob), sameThread);
        requests.forEach(request -> batch.giveUp(request, "Drafting failed on every attempt"));
        batch.giveUp(forMissingJob, "Drafting failed on every attempt");
        batch.publishDrafted();

        assertEquals(0, aiCalls.get());
        assertEquals(1, store.jobReads.size());
        assertEquals(1, store.taskReads.size());
        for (DraftRequest request : requests) {
            for (String taskId : request.taskIds()) {
                assertEquals(TaskState.READY, store.task(taskId).state());
                assertEquals("Drafting failed on every attempt", store.task(taskId).draft().failureReason());
            }
        }
        assertEquals(1, publishes.size());
        assertEquals(3, publishes.get(0).size());
    }

    /** A job drafted by the stub AI, with the given token budget, of ten inputs of two assignments each. */
    private Job job(Long maxTokens) {
        Job job = new Job(ids.next(IdType.JOB), ids.next(IdType.BUSINESS), JobType.TAGLINE, "Taglines for TrailFuel",
                "Short and punchy, no puns.", new Money(25, "USD"), new Money(3, "USD"), 2, 20, Set.of(),
                new Job.DraftSettings(DraftProviderName.OPENAI, null, null, maxTokens), null,
                600, 86_400, clock.instant(), clock.instant().plus(Duration.ofDays(7)), JobStatus.OPEN);
        store.add(job);
        return job;
    }

    /** The draft request of one input of the job, with that many sibling tasks, stored DRAFTING. */
    private DraftRequest request(Job job, int inputIndex, int siblings) {
        List<String> taskIds = new ArrayList<>();
        for (int i = 0; i < siblings; i++) {
            Task task = Task.create(ids.next(IdType.TASK), job, inputIndex,
                    DraftFixtures.json("{\"brief\": \"Energy bar number " + inputIndex + "\"}"), clock.instant());
            store.add(task);
            taskIds.add(task.id());
        }
        return new DraftRequest(job.id(), inputIndex, taskIds);
    }
}
