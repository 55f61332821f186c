package dev.microjobs.bench.e2e;

import dev.microjobs.aws.dynamodb.DynamoAccountStore;
import dev.microjobs.aws.dynamodb.DynamoJobStore;
import dev.microjobs.aws.dynamodb.DynamoLedgerReader;
import dev.microjobs.aws.dynamodb.DynamoTaskStore;
import dev.microjobs.aws.dynamodb.IdempotencyItems;
import dev.microjobs.aws.dynamodb.TableConfiguration;
import dev.microjobs.aws.dynamodb.TaskItems;
import dev.microjobs.bench.e2e.TaskTimeline.Stage;
import dev.microjobs.core.accounts.AccountAdmin;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.ledger.LedgerAudit;
import dev.microjobs.local.LocalStack;
import dev.microjobs.local.aws.AwsClients;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Drives {@code tasks} tasks through the whole lifecycle of a running {@link LocalStack}, only
 * through its public HTTP APIs, the way businesses and workers would:
 * <ol>
 *   <li>creates businesses (with ample credit) and workers with the operator's account commands;
 *   <li>submitters post jobs of {@code tasksPerJob} tasks with offline AI drafts, each with an
 *       {@code Idempotency-Key}, round-robin over the businesses, all at once or, with
 *       {@code jobsAhead}, as the workers make room;
 *   <li>simulated workers claim ({@code POST /v1/worker/claims}) and hand in an edited draft
 *       ({@code .../submit}, {@code "draftUsed": "edited"}) until nothing is left to claim;
 *   <li>as many approvers as businesses approve each job with handed-in work
 *       ({@code POST /v1/jobs/{id}/approve}) three seconds after a worker's hand-in is answered (as a
 *       business batching its {@code task.submitted} webhooks would) or the monitor finds more;
 *       payouts follow through the payouts queue;
 *   <li>a monitor watches the tasks' states in DynamoDB (directly, not through the API, so that
 *       watching costs the app nothing) until every task is PAID or the timeout passes, firing the
 *       sweeper schedule when nothing has moved for {@code stallBeforeSweep};
 *   <li>finally it reads every task back for its {@link TaskTimeline} and runs the ledger audit
 *       ({@code ledger-verify}) until it passes or 10 s go by.
 * </ol>
 *
 * <p>It is built to survive a misbehaving stack (fault injection, crashes, duplicate deliveries):
 * every API call is retried on 429, 5xx, timeouts and broken connections with backoff
 * ({@link ApiClient}); job creation is idempotent; a worker whose hand-in fails lets the lease run
 * out ({@code leaseSeconds}) and the sweeper put the task back; the monitor, not the clients'
 * bookkeeping, decides what is left to do, so an answer lost on the way changes nothing. A run that
 * does not finish in time still returns: {@link Result#allPaid()} is then false and the timelines
 * show where tasks stopped.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(LocalStackOptions.onFreePorts())) {
 *     LifecycleDriver.Result result = new LifecycleDriver(stack, LifecycleDriver.Settings.of(200)).run();
 *     result.allPaid(); result.stage(Stage.SUBMIT_TO_READY).p50(); result.ledger().conserved();
 * }
 * }</pre>
 *
 * Accounts are created fresh for every run, so several runs can share one stack.
 */
public final class LifecycleDriver {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleDriver.class);
    private static final String TABLE = "MicrojobsTable";
    private static final Duration MONITOR_INTERVAL = Duration.ofMillis(500);
    private static final Duration LEDGER_SETTLE_TIME = Duration.ofSeconds(10);
    private static final long JOB_RETRY_PAUSE_MS = 500;
    /**
     * How long a business lets a job's hand-ins gather before approving them in one request, as a
     * webhook consumer batching its deliveries would: approving each hand-in on its own costs a
     * ledger transaction and a payout per task instead of per batch.
     */
    private static final Duration APPROVAL_GATHERING = Duration.ofSeconds(3);

    /**
     * What to drive.
     *
     * @param tasks            tasks in all
     * @param tasksPerJob      tasks per job (the last job takes the remainder)
     * @param businesses       businesses submitting jobs, round-robin (spreads per-key rate limits)
     * @param workers          simulated workers, each one thread claiming and handing in; 0: nobody claims, and
     *                         the run ends once every task is READY (what submit -> READY takes on its own)
     * @param submitters       jobs posted at the same time
     * @param jobsAhead        at most this many jobs' worth of tasks waiting for a worker (DRAFTING or READY)
     *                         before a submitter posts its next job; 0: post every job at once
     * @param rewardMinor      reward per task, in US cents
     * @param leaseSeconds     the jobs' lease: how long a task lost by a crashed hand-in stays claimed (60 to 7200)
     * @param timeout          how long the run may take from the first job to the last payout
     * @param stallBeforeSweep how long nothing may move before the sweeper schedule is fired
     * @param maxAttempts      attempts per API call (1 = no retries)
     * @param draftProvider    the jobs' AI draft provider ({@code offline} unless a run stands in for another)
     * @param webhookUrl       where every other business (the first, the third, ...) has its events sent,
     *                         as a business taking webhooks would; the others read the feed. Null: all read the feed
     */
    public record Settings(int tasks, int tasksPerJob, int businesses, int workers, int submitters, int jobsAhead,
                           long rewardMinor, int leaseSeconds, Duration timeout, Duration stallBeforeSweep, int maxAttempts,
                           String draftProvider, String webhookUrl) {

        public Settings {
            if (tasks < 1 || tasksPerJob < 1 || tasksPerJob > 1000 || businesses < 1 || workers < 0 || submitters < 1
                    || jobsAhead < 0 || rewardMinor < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("invalid driver settings: " + this);
            }
        }

        /** Defaults for {@code tasks} tasks: jobs of 20, 4 businesses, 8 workers, 4 submitters posting at once, 25 cents each. */
        public static Settings of(int tasks) {
            return new Settings(tasks, 20, 4, 8, 4, 0, 25, 60, Duration.ofMinutes(5), Duration.ofSeconds(15), 8, "offline", null);
        }

        public Settings withTasksPerJob(int value) {
            return new Settings(tasks, value, businesses, workers, submitters, jobsAhead, rewardMinor, leaseSeconds, timeout,
                    stallBeforeSweep, maxAttempts, draftProvider, webhookUrl);
        }

        public Settings withBusinesses(int value) {
            return new Settings(tasks, tasksPerJob, value, workers, submitters, jobsAhead, rewardMinor, leaseSeconds, timeout,
                    stallBeforeSweep, maxAttempts, draftProvider, webhookUrl);
        }

        public Settings withWorkers(int value) {
            return new Settings(tasks, tasksPerJob, businesses, value, submitters, jobsAhead, rewardMinor, leaseSeconds, timeout,
                    stallBeforeSweep, maxAttempts, draftProvider, webhookUrl);
        }

        public Settings withSubmitters(int value) {
            return new Settings(tasks, tasksPerJob, businesses, workers, value, jobsAhead, rewardMinor, leaseSeconds, timeout,
                    stallBeforeSweep, maxAttempts, draftProvider, webhookUrl);
        }

        public Settings withJobsAhead(int value) {
            return new Settings(tasks, tasksPerJob, businesses, workers, submitters, value, rewardMinor, leaseSeconds,
                    timeout, stallBeforeSweep, maxAttempts, draftProvider, webhookUrl);
        }

        public Settings withRewardMinor(long value) {
            return new Settings(tasks, tasksPerJob, businesses, workers, submitters, jobsAhead, value, leaseSeconds, timeout,
                    stallBeforeSweep, maxAttempts, draftProvider, webhookUrl);
        }

        public Settings withLeaseSeconds(int value) {
            return new Settings(tasks, tasksPerJob, businesses, workers, submitters, jobsAhead, rewardMinor, value, timeout,
                    stallBeforeSweep, maxAttempts, draftProvider, webhookUrl);
        }

        public Settings withTimeout(Duration value) {
            return new Settings(tasks, tasksPerJob, businesses, workers, submitters, jobsAhead, rewardMinor, leaseSeconds, value,
                    stallBeforeSweep, maxAttempts, draftProvider, webhookUrl);
        }

        public Settings withStallBeforeSweep(Duration value) {
            return new Settings(tasks, tasksPerJob, businesses, workers, submitters, jobsAhead, rewardMinor, leaseSeconds, timeout,
                    value, maxAttempts, draftProvider, webhookUrl);
        }

        public Settings withMaxAttempts(int value) {
            return new Settings(tasks, tasksPerJob, businesses, workers, submitters, jobsAhead, rewardMinor, leaseSeconds, timeout,
                    stallBeforeSweep, value, draftProvider, webhookUrl);
        }

        public Settings withDraftProvider(String value) {
            return new Settings(tasks, tasksPerJob, businesses, workers, submitters, jobsAhead, rewardMinor, leaseSeconds, timeout,
                    stallBeforeSweep, maxAttempts, value, webhookUrl);
        }

        public Settings withWebhookUrl(String value) {
            return new Settings(tasks, tasksPerJob, businesses, workers, submitters, jobsAhead, rewardMinor, leaseSeconds, timeout,
                    stallBeforeSweep, maxAttempts, draftProvider, value);
        }

        /** The first, the third, ... business: those that set {@link #webhookUrl}. */
        public int businessesTakingWebhooks() {
            return webhookUrl == null ? 0 : (businesses + 1) / 2;
        }

        int jobs() {
            return (tasks + tasksPerJob - 1) / tasksPerJob;
        }

        int tasksOfJob(int index) {
            return index < jobs() - 1 ? tasksPerJob : tasks - tasksPerJob * (jobs() - 1);
        }
    }

    /**
     * What a run did.
     *
     * @param started     when the first job was sent
     * @param finished    when the last task was paid, or READY in a run without workers (or the run gave up)
     * @param timelines   one per task created, in job order
     * @param finalStates how many tasks ended in each state
     * @param apiRetries  API calls sent again after a retryable failure
     * @param sweeps      sweeper runs the driver fired because nothing moved
     * @param ledger      the ledger audit after the run
     */
    public record Result(Settings settings, Instant started, Instant finished, List<TaskTimeline> timelines,
                         Map<TaskState, Integer> finalStates, long apiRetries, int sweeps, LedgerAudit.Report ledger) {

        public boolean allPaid() {
            return timelines.size() == settings.tasks() && finalStates.getOrDefault(TaskState.PAID, 0) == settings.tasks();
        }

        public Duration elapsed() {
            return Duration.between(started, finished);
        }

        /** Tasks paid per second of the whole run. */
        public double tasksPerSecond() {
            return finalStates.getOrDefault(TaskState.PAID, 0) / (elapsed().toNanos() / 1e9);
        }

        public Percentiles stage(Stage stage) {
            return Percentiles.of(timelines.stream().flatMap(t -> t.millis(stage).stream()).toList());
        }
    }

    /** A job as sent: what its timelines start from. */
    private record SentJob(String jobId, Instant submitted, List<String> taskIds) {
    }

    private final LocalStack stack;
    private final Settings settings;
    private final ApiClient api;
    private final Map<String, SentJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, String> jobKeys = new ConcurrentHashMap<>();
    private final Map<String, String> jobOfTask = new ConcurrentHashMap<>();
    /** Jobs with handed-in work to approve, and since when. */
    private final Map<String, Instant> jobsToApprove = new ConcurrentHashMap<>();
    private final AtomicBoolean workersDone = new AtomicBoolean();
    private final AtomicBoolean approverDone = new AtomicBoolean();
    private final AtomicInteger jobsSent = new AtomicInteger();
    private final List<String> credentialsIssued = new CopyOnWriteArrayList<>();
    private final Backlog backlog;

    public LifecycleDriver(LocalStack stack, Settings settings) {
        this.stack = stack;
        this.settings = settings;
        this.api = new ApiClient(stack.apiUrl(), settings.maxAttempts());
        this.backlog = new Backlog(settings.jobsAhead() * settings.tasksPerJob());
    }

    /** Runs the lifecycle once; see the class comment. */
    public Result run() throws InterruptedException, IOException {
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(stack.dynamoDbEndpoint(), Region.US_EAST_1.id())) {
            TableConfiguration table = new TableConfiguration();
            table.setName(stack.tableName(TABLE));
            AccountAdmin admin = new AccountAdmin(new DynamoAccountStore(dynamo, table), new IdGenerator(Clock.systemUTC()),
                    Clock.systemUTC());
            TaskItems taskItems = new TaskItems();
            DynamoTaskStore taskStore = new DynamoTaskStore(dynamo, table, taskItems);
            DynamoJobStore jobStore = new DynamoJobStore(dynamo, table, taskItems, taskStore,
                    new IdempotencyItems(dynamo, table, Clock.systemUTC()));

            List<String> businessKeys = new ArrayList<>();
            long creditEach = 2 * settings.rewardMinor() * ((long) settings.tasks() / settings.businesses() + settings.tasksPerJob());
            for (int i = 0; i < settings.businesses(); i++) {
                businessKeys.add(admin.createBusiness("bench business " + i, creditEach, "USD").apiKey());
            }
            credentialsIssued.addAll(businessKeys);
            for (int i = 0; i < settings.businessesTakingWebhooks(); i++) {
                takeWebhooks(businessKeys.get(2 * i));
            }
            List<String> workerTokens = new ArrayList<>();
            for (int i = 0; i < settings.workers(); i++) {
                workerTokens.add(admin.createWorker("bench worker " + i, Set.of()).token());
            }
            credentialsIssued.addAll(workerTokens);

            Instant started = Instant.now();
            Instant deadline = started.plus(settings.timeout());
            ExecutorService threads = Executors.newFixedThreadPool(settings.submitters() + settings.workers() + settings.businesses());
            List<Future<?>> running = new ArrayList<>();
            try {
                AtomicInteger nextJob = new AtomicInteger();
                List<Future<?>> submitters = new ArrayList<>();
                for (int i = 0; i < settings.submitters(); i++) {
                    submitters.add(threads.submit(() -> submitJobs(nextJob, businessKeys, deadline)));
                }
                running.addAll(submitters);
                workerTokens.forEach(token -> running.add(threads.submit(() -> new SimulatedWorker(api, token, this::handedIn)
                        .work(workersDone::get, deadline))));
                for (int i = 0; i < settings.businesses() && settings.workers() > 0; i++) {
                    running.add(threads.submit(this::approve));
                }
                Monitor monitor = new Monitor(jobStore, submitters);
                Instant finished = monitor.watchUntilFinished(deadline);
                return new Result(settings, started, finished, timelines(taskStore), monitor.finalStates(),
                        api.retries(), monitor.sweeps, audit(dynamo, table.getName()));
            } finally {
                workersDone.set(true);
                approverDone.set(true);
                threads.shutdownNow();
                threads.awaitTermination(30, TimeUnit.SECONDS);
                for (Future<?> future : running) {
                    if (future.isDone() && !future.isCancelled()) {
                        try {
                            future.get();
                        } catch (ExecutionException e) {
                            if (!(e.getCause() instanceof InterruptedException)) {
                                LOG.warn("A driver thread failed: {}", e.getCause().toString());
                            }
                        }
                    }
                }
            }
        }
    }

    /** Sets the business's webhook URL and creates the secret its deliveries are signed with. */
    private void takeWebhooks(String businessKey) throws IOException, InterruptedException {
        ApiClient.Answer url = api.send("PUT", "/v1/account/webhook", businessKey, Map.of("url", settings.webhookUrl()), Map.of());
        ApiClient.Answer secret = api.send("POST", "/v1/account/webhook-secret", businessKey, null, Map.of());
        if (url.status() / 100 != 2 || secret.status() / 100 != 2) {
            throw new IllegalStateException("a business could not take webhooks: " + url.status() + " " + url.body()
                    + ", " + secret.status() + " " + secret.body());
        }
    }

    /**
     * The business API keys and worker tokens this driver created and used, so that a run can check
     * that none of them reached a log. Kept out of {@link Result}, which is meant to be reported.
     */
    public List<String> credentialsIssued() {
        return List.copyOf(credentialsIssued);
    }

    /** Posts jobs until all are sent; a job the API refuses after all retries stops the run. */
    private Void submitJobs(AtomicInteger nextJob, List<String> businessKeys, Instant deadline) throws Exception {
        for (int index = nextJob.getAndIncrement(); index < settings.jobs(); index = nextJob.getAndIncrement()) {
            backlog.awaitRoomFor(settings.tasksOfJob(index), deadline);
            String key = businessKeys.get(index % businessKeys.size());
            Map<String, Object> body = jobBody(index, settings.tasksOfJob(index));
            String idempotencyKey = UUID.randomUUID().toString();
            Instant submitted = Instant.now();
            ApiClient.Answer answer = sendUntilAnswered(key, body, idempotencyKey, deadline);
            if (answer.status() != 201) {
                throw new IllegalStateException("job " + index + " was refused: " + answer.status() + " " + answer.body());
            }
            List<String> taskIds = new ArrayList<>();
            answer.json().get("taskIds").forEach(id -> taskIds.add(id.asText()));
            String jobId = answer.json().get("id").asText();
            jobs.put(jobId, new SentJob(jobId, submitted, taskIds));
            jobKeys.put(jobId, key);
            taskIds.forEach(taskId -> jobOfTask.put(taskId, jobId));
            jobsSent.incrementAndGet();
        }
        return null;
    }

    /**
     * The same job (same key) again and again until the API gives a final answer, so a job is never
     * lost; 409 means an earlier attempt with this key is still in progress (or crashed, and its lock
     * has to run out before the retry resumes it).
     */
    private ApiClient.Answer sendUntilAnswered(String key, Map<String, Object> body, String idempotencyKey, Instant deadline)
            throws IOException, InterruptedException {
        while (true) {
            try {
                ApiClient.Answer answer = api.send("POST", "/v1/jobs", key, body, Map.of("idempotency-key", idempotencyKey));
                if (!ApiClient.retryable(answer.status()) && answer.status() != 409 || Instant.now().isAfter(deadline)) {
                    return answer;
                }
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
            Thread.sleep(JOB_RETRY_PAUSE_MS);
        }
    }

    private Map<String, Object> jobBody(int index, int tasks) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            inputs.add(Map.of("text", "Quarter " + (i % 4 + 1) + " report " + index + "-" + i + ": sales rose "
                    + (i % 17 + 3) + "% while costs fell. The board approved a new plant. Hiring starts in May."));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "summary");
        body.put("title", "Summaries, batch " + index);
        body.put("instructions", "Two sentences, plain words.");
        body.put("reward", Map.of("amount", settings.rewardMinor(), "currency", "USD"));
        body.put("leaseSeconds", settings.leaseSeconds());
        body.put("draft", Map.of("provider", settings.draftProvider()));
        body.put("inputs", inputs);
        return body;
    }

    /** As a business would on the {@code task.submitted} webhook; the monitor finds what this misses. */
    private void handedIn(String taskId) {
        Optional.ofNullable(jobOfTask.get(taskId)).ifPresent(jobId -> jobsToApprove.putIfAbsent(jobId, Instant.now()));
    }

    /**
     * One approver (the driver runs as many as businesses): approves, job by job, what the workers or
     * the monitor found handed in once it has gathered for {@link #APPROVAL_GATHERING}. Approvers
     * share the list; a job is taken by one of them.
     */
    private Void approve() throws InterruptedException {
        while (!approverDone.get()) {
            Instant gathered = Instant.now().minus(APPROVAL_GATHERING);
            List<String> round = jobsToApprove.entrySet().stream()
                    .filter(job -> !job.getValue().isAfter(gathered)).map(Map.Entry::getKey).toList();
            if (round.isEmpty()) {
                Thread.sleep(50);
                continue;
            }
            for (String jobId : round) {
                if (jobsToApprove.remove(jobId) == null) {
                    continue;
                }
                try {
                    ApiClient.Answer answer = api.send("POST", "/v1/jobs/" + jobId + "/approve", jobKeys.get(jobId), null, Map.of());
                    if (answer.status() != 200) {
                        LOG.debug("Approving {} answered {}", jobId, answer.status());
                    }
                } catch (IOException e) {
                    LOG.debug("Approving {} failed: {}", jobId, e.toString());
                }
            }
        }
        return null;
    }

    /**
     * The tasks waiting for a worker (DRAFTING or READY) as the submitters see them: the monitor's
     * last count plus the tasks of jobs posted since. With a limit, a submitter posts a job only
     * when it fits under it, the way a business feeds a crowd at the pace it works rather than all
     * at once: every stage is then timed at a load the stack sustains, not by how long the last
     * task of one big burst queued.
     */
    static final class Backlog {
        private static final long RECHECK_MS = 100;
        private final int limit;
        private int posted;
        private int postedWhenCounted;
        private int waitingWhenCounted;

        /** @param limit tasks allowed to wait for a worker; 0: no limit */
        Backlog(int limit) {
            this.limit = limit;
        }

        /** Waits until a job of {@code tasks} fits (or the deadline passes), and counts it as posted. */
        synchronized void awaitRoomFor(int tasks, Instant deadline) throws InterruptedException {
            while (limit > 0 && waitingWhenCounted + (posted - postedWhenCounted) + tasks > limit
                    && Instant.now().isBefore(deadline)) {
                wait(RECHECK_MS);
            }
            posted += tasks;
        }

        /** @param postedTasks the tasks of the jobs the monitor counted; {@code waiting} of them were DRAFTING or READY */
        synchronized void counted(int postedTasks, int waiting) {
            postedWhenCounted = postedTasks;
            waitingWhenCounted = waiting;
            notifyAll();
        }
    }

    /** Watches task states in the table; decides what is left to approve and when the run is over. */
    private final class Monitor {
        private final DynamoJobStore jobStore;
        private final List<Future<?>> submitters;
        private final Map<String, Map<TaskState, Integer>> counts = new LinkedHashMap<>();
        private final Set<String> finishedJobs = ConcurrentHashMap.newKeySet();
        private int sweeps;

        Monitor(DynamoJobStore jobStore, List<Future<?>> submitters) {
            this.jobStore = jobStore;
            this.submitters = submitters;
        }

        /** A job the API refused for good (after every retry) ends the run: its tasks will never come. */
        private void stopIfASubmitterFailed() throws InterruptedException {
            for (Future<?> submitter : submitters) {
                if (submitter.isDone()) {
                    try {
                        submitter.get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("submitting jobs failed: " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        }

        Instant watchUntilFinished(Instant deadline) throws InterruptedException {
            Map<TaskState, Integer> last = Map.of();
            Instant lastChange = Instant.now();
            while (Instant.now().isBefore(deadline)) {
                Thread.sleep(MONITOR_INTERVAL.toMillis());
                stopIfASubmitterFailed();
                // Read before the jobs are listed: a job is listed before it counts as sent, so when all
                // count as sent here, every one of them is counted below. Read after, a job sent in
                // between would be in no count, and the workers would be stopped with its tasks READY.
                boolean allSent = jobsSent.get() == settings.jobs();
                int postedTasks = 0;
                int waiting = 0;
                for (SentJob job : List.copyOf(jobs.values())) {
                    postedTasks += job.taskIds().size();
                    if (finishedJobs.contains(job.jobId())) {
                        continue;
                    }
                    Map<TaskState, Integer> jobCounts = jobStore.countTasksByState(job.jobId());
                    waiting += jobCounts.getOrDefault(TaskState.DRAFTING, 0) + jobCounts.getOrDefault(TaskState.READY, 0);
                    counts.put(job.jobId(), jobCounts);
                    if (jobCounts.getOrDefault(lastState(), 0) == job.taskIds().size()) {
                        finishedJobs.add(job.jobId());
                    } else if (jobCounts.getOrDefault(TaskState.SUBMITTED, 0) > 0) {
                        jobsToApprove.putIfAbsent(job.jobId(), Instant.now());
                    }
                }
                backlog.counted(postedTasks, waiting);
                Map<TaskState, Integer> totals = finalStates();
                if (allSent && finishedJobs.size() == settings.jobs()) {
                    return Instant.now();
                }
                if (allSent && unclaimedOrClaimed(totals) == 0) {
                    workersDone.set(true);
                }
                if (!totals.equals(last)) {
                    last = totals;
                    lastChange = Instant.now();
                } else if (allSent && Duration.between(lastChange, Instant.now()).compareTo(settings.stallBeforeSweep()) > 0) {
                    fireSweeper();
                    lastChange = Instant.now();
                }
            }
            LOG.warn("The lifecycle run timed out with tasks in {}", finalStates());
            return Instant.now();
        }

        /** Where the run ends for a job: PAID, or READY when no one claims. */
        private TaskState lastState() {
            return settings.workers() == 0 ? TaskState.READY : TaskState.PAID;
        }

        private void fireSweeper() {
            try {
                sweeps++;
                stack.fireSchedule("SweeperFunction", "EveryMinute");
            } catch (Exception e) {
                LOG.warn("Firing the sweeper failed: {}", e.toString());
            }
        }

        private int unclaimedOrClaimed(Map<TaskState, Integer> totals) {
            return totals.getOrDefault(TaskState.DRAFTING, 0) + totals.getOrDefault(TaskState.READY, 0)
                    + totals.getOrDefault(TaskState.CLAIMED, 0);
        }

        Map<TaskState, Integer> finalStates() {
            Map<TaskState, Integer> totals = new EnumMap<>(TaskState.class);
            jobs.values().forEach(job -> {
                if (finishedJobs.contains(job.jobId())) {
                    totals.merge(lastState(), job.taskIds().size(), Integer::sum);
                } else {
                    counts.getOrDefault(job.jobId(), Map.of()).forEach((state, n) -> totals.merge(state, n, Integer::sum));
                }
            });
            return totals;
        }
    }

    private List<TaskTimeline> timelines(DynamoTaskStore taskStore) {
        List<TaskTimeline> timelines = new ArrayList<>();
        for (SentJob job : jobs.values().stream().sorted((a, b) -> a.submitted().compareTo(b.submitted())).toList()) {
            for (Task task : taskStore.findAll(job.taskIds())) {
                timelines.add(timeline(job, task));
            }
        }
        return timelines;
    }

    static TaskTimeline timeline(SentJob job, Task task) {
        Instant ready = task.draft() == null ? null : task.draft().createdAt();
        Instant claimed = task.submission() != null ? task.submission().claimedAt()
                : task.claim() != null ? task.claim().claimedAt() : null;
        Instant handedIn = task.submission() == null ? null : task.submission().submittedAt();
        Instant paid = task.state() == TaskState.PAID ? task.updatedAt() : null;
        return new TaskTimeline(task.id(), job.jobId(), job.submitted(), task.createdAt(), ready, claimed, handedIn, task.approvedAt(), paid);
    }

    private static LedgerAudit.Report audit(DynamoDbClient dynamo, String table) throws InterruptedException {
        DynamoLedgerReader reader = new DynamoLedgerReader(dynamo, table);
        Instant deadline = Instant.now().plus(LEDGER_SETTLE_TIME);
        LedgerAudit.Report report = reader.audit();
        while (!report.conserved() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            report = reader.audit();
        }
        return report;
    }
}
