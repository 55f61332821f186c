package dev.microjobs.core.review;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.errors.UnauthorizedException;
import dev.microjobs.core.jobs.JobViews;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** What a worker reads: the claims in progress, the work handed in, earnings and payouts, the queue. */
@Singleton
public class WorkerOverview {
    /** Handed-in tasks listed individually, newest first; the counts cover all of them. */
    static final int RECENT_SUBMISSIONS = 20;
    static final String DEFAULT_CURRENCY = "USD";
    private static final Set<TaskState> HANDED_IN = Set.of(TaskState.SUBMITTED, TaskState.APPROVED,
            TaskState.REJECTED, TaskState.PAID);
    /** Rewards the worker will get once the business approves, or has approved and not yet paid. */
    private static final Set<TaskState> PENDING = Set.of(TaskState.SUBMITTED, TaskState.APPROVED);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ReviewStore store;
    private final PayoutHistory payouts;
    private final Clock clock;

    public WorkerOverview(ReviewStore store, PayoutHistory payouts, Clock clock) {
        this.store = store;
        this.payouts = payouts;
        this.clock = clock;
    }

    /**
     * The worker's page. Earnings are in the currency most of the worker's tasks pay in; any
     * other currencies are listed under {@code earnings.otherCurrencies}.
     */
    public ObjectNode me(String workerId) {
        Worker worker = worker(workerId);
        Instant now = clock.instant();
        Map<String, Optional<Job>> jobs = new HashMap<>();
        ObjectNode view = JSON.objectNode().put("workerId", worker.id()).put("name", worker.name());
        view.set("skills", JSON.arrayNode().addAll(worker.skills().stream().sorted().map(JSON::textNode).toList()));

        ArrayNode claims = view.putArray("claims");
        // A lease never runs past two hours from its claim, so older claims cannot be live. A busy
        // worker makes hundreds of claims in two hours: their tasks are read in batches, not one by one.
        List<ClaimRecord> recentClaims = store.claimsSince(workerId, now.minus(Lease.MAX_FROM_CLAIM));
        Map<String, Task> claimedTasks = new HashMap<>();
        store.findTasks(recentClaims.stream().map(ClaimRecord::taskId).distinct().toList())
                .forEach(task -> claimedTasks.put(task.id(), task));
        for (ClaimRecord record : recentClaims) {
            Optional.ofNullable(claimedTasks.get(record.taskId()))
                    .filter(task -> Lease.isHeldUnder(task, record.claimId()) && !Lease.hasExpired(task.claim(), now))
                    .ifPresent(task -> jobs.computeIfAbsent(task.jobId(), store::findJob)
                            .ifPresent(job -> claims.add(ReviewViews.claim(task, job))));
        }

        List<Task> handedIn = store.handedIn(workerId).stream().filter(t -> HANDED_IN.contains(t.state())).toList();
        ObjectNode submissions = view.putObject("submissions");
        ObjectNode counts = submissions.putObject("counts");
        Map<TaskState, Integer> byState = new EnumMap<>(TaskState.class);
        handedIn.forEach(task -> byState.merge(task.state(), 1, Integer::sum));
        HANDED_IN.stream().sorted().forEach(state -> counts.put(state.name(), byState.getOrDefault(state, 0)));
        ArrayNode recent = submissions.putArray("recent");
        handedIn.stream()
                .sorted(Comparator.comparing((Task task) -> task.submission().submittedAt()).reversed())
                .limit(RECENT_SUBMISSIONS)
                .forEach(task -> recent.add(recentView(task, jobs.computeIfAbsent(task.jobId(), store::findJob))));

        view.set("earnings", earnings(handedIn));
        ArrayNode payoutList = view.putArray("payouts");
        payouts.payoutsOf(workerId).forEach(payout -> {
            ObjectNode row = payoutList.addObject()
                    .put("id", payout.payoutId())
                    .put("status", payout.status())
                    .put("createdAt", payout.createdAt().toString());
            row.set("amount", JobViews.money(payout.amount()));
            if (payout.problem() != null) {
                row.put("problem", payout.problem());
            }
        });
        return view;
    }

    /**
     * How many READY tasks the worker could claim now: in all ({@code total}, counting tasks
     * that ask for no skill) and per skill of the worker.
     */
    public ObjectNode queue(String workerId) {
        Worker worker = worker(workerId);
        List<Set<String>> claimable = store.readySkillSets().stream()
                .filter(skills -> worker.skills().containsAll(skills))
                .toList();
        ObjectNode view = JSON.objectNode().put("total", claimable.size());
        ObjectNode perSkill = view.putObject("skills");
        worker.skills().stream().sorted().forEach(skill ->
                perSkill.put(skill, claimable.stream().filter(skills -> skills.contains(skill)).count()));
        return view;
    }

    private static ObjectNode recentView(Task task, Optional<Job> job) {
        ObjectNode view = JSON.objectNode()
                .put("taskId", task.id())
                .put("jobId", task.jobId())
                .put("title", job.map(Job::title).orElse(""))
                .put("state", task.state().name());
        view.set("reward", JobViews.money(task.reward()));
        view.put("submittedAt", task.submission().submittedAt().toString())
                .put("secondsSpent", task.submission().secondsSpent())
                .put("draftUsed", task.submission().draftUsed().wireName())
                .put("editRatio", task.submission().editRatio());
        return view;
    }

    private static ObjectNode earnings(List<Task> handedIn) {
        Map<String, long[]> byCurrency = new TreeMap<>(); // currency -> {pending, paid, tasks}
        for (Task task : handedIn) {
            long[] sums = byCurrency.computeIfAbsent(task.reward().currency(), c -> new long[3]);
            if (PENDING.contains(task.state())) {
                sums[0] += task.reward().amount();
            } else if (task.state() == TaskState.PAID) {
                sums[1] += task.reward().amount();
            }
            sums[2]++;
        }
        String main = byCurrency.entrySet().stream()
                .max(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[2]))
                .map(Map.Entry::getKey)
                .orElse(DEFAULT_CURRENCY);
        long[] mainSums = byCurrency.getOrDefault(main, new long[3]);
        ObjectNode view = JSON.objectNode();
        view.set("pending", JobViews.money(new Money(mainSums[0], main)));
        view.set("paid", JobViews.money(new Money(mainSums[1], main)));
        if (byCurrency.size() > 1) {
            ArrayNode others = view.putArray("otherCurrencies");
            byCurrency.forEach((currency, sums) -> {
                if (!currency.equals(main)) {
                    ObjectNode other = others.addObject();
                    other.set("pending", JobViews.money(new Money(sums[0], currency)));
                    other.set("paid", JobViews.money(new Money(sums[1], currency)));
                }
            });
        }
        return view;
    }

    private Worker worker(String workerId) {
        return store.findWorker(workerId)
                .orElseThrow(() -> new UnauthorizedException("The worker of this token no longer exists"));
    }
}
