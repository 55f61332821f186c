package dev.microjobs.core.review;

import dev.microjobs.core.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.domain.Draft;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.DraftUse;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobStatus;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.events.Event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Jobs, READY tasks and workers in a {@link FakeReviewStore}, on a clock the test moves. */
public final class ReviewFixtures {
    public static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    public final MutableClock clock = new MutableClock(T0);
    public final IdGenerator ids = new IdGenerator(clock);
    public final FakeReviewStore store = new FakeReviewStore();
    /** What the use cases published, in order. */
    public final List<Event> published = new ArrayList<>();
    public final WorkerClaims claims;

    public ReviewFixtures() {
        this(new Random(1));
    }

    /** With the claims' spread drawn from {@code random}. */
    public ReviewFixtures(Random random) {
        claims = new WorkerClaims(store, published::addAll, ids, clock, random);
    }

    public Job job(long reward, int assignments, int inputs, long leaseSeconds, String... skills) {
        Job job = new Job(ids.next(IdType.JOB), ids.next(IdType.BUSINESS), JobType.TAGLINE, "Taglines for Acme",
                "Five words at most.", usd(reward), usd(reward / 5), assignments, assignments * inputs,
                Set.of(skills), new Job.DraftSettings(DraftProviderName.OFFLINE, null), null, leaseSeconds, 86_400,
                clock.instant(), clock.instant().plus(Duration.ofDays(7)), JobStatus.OPEN);
        store.add(job);
        return job;
    }

    /** The job's tasks, READY with a text draft, input by input, in creation order. */
    public List<Task> readyTasks(Job job, String draft) {
        List<Task> tasks = new ArrayList<>();
        for (int input = 0; input < job.inputCount(); input++) {
            for (int assignment = 0; assignment < job.assignments(); assignment++) {
                Task task = Task.create(ids.next(IdType.TASK), job, input, JSON.createObjectNode().put("brief", "coffee " + input),
                        clock.instant());
                Draft content = draft == null
                        ? Draft.none(DraftProviderName.NONE, "drafting is off for this job", clock.instant())
                        : Draft.of(DraftProviderName.OFFLINE, null, TextNode.valueOf(draft), 5, null, null,
                        clock.instant());
                Task ready = task.ready(content, clock.instant());
                store.add(ready);
                tasks.add(ready);
            }
        }
        return tasks;
    }

    public String worker(String... skills) {
        Worker worker = new Worker(ids.next(IdType.WORKER), "Ana", Set.of(skills), null, clock.instant());
        store.add(worker);
        return worker.id();
    }

    static Money usd(long cents) {
        return new Money(cents, "USD");
    }

    public static WorkerRequests.SubmitRequest submission(String output, DraftUse used) {
        return new WorkerRequests.SubmitRequest(TextNode.valueOf(output), used);
    }

    static JsonNode json(String source) {
        try {
            return JSON.readTree(source);
        } catch (Exception e) {
            throw new IllegalArgumentException(source, e);
        }
    }
}
