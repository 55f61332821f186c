package dev.microjobs.core.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.Hashes;
import dev.microjobs.core.RecentlyUsed;
import dev.microjobs.core.accounts.Business;
import dev.microjobs.core.domain.Draft;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobStatus;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.errors.ConflictException;
import dev.microjobs.core.errors.IdempotencyKeyReusedException;
import dev.microjobs.core.errors.NotFoundException;
import dev.microjobs.core.errors.UnauthorizedException;
import dev.microjobs.core.ledger.EntryReason;
import dev.microjobs.core.ledger.LedgerAccount;
import dev.microjobs.core.ledger.LedgerEntry;
import dev.microjobs.core.ports.AccountStore;
import dev.microjobs.core.ports.DraftQueue;
import dev.microjobs.core.ports.IdempotencyStore;
import dev.microjobs.core.ports.JobStore;
import dev.microjobs.core.ports.Metrics;
import dev.microjobs.core.validation.ValidationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/jobs}: validates the request, then creates the job and holds its escrow in
 * one transaction, writes its tasks and asks for their drafts.
 *
 * <p>The steps after the transaction can crash. With an {@code Idempotency-Key}, the client's
 * retry resumes them (tasks that exist are left alone, drafts are requested again and the
 * drafts consumer ignores a task that already has one) and then gets the same response as a
 * first attempt would have.
 */
@Singleton
public class SubmitJob {
    /** How long a key is remembered: at least the promised 24 hours. */
    public static final Duration KEEP_KEYS = Duration.ofHours(48);
    /** Longer than the function's timeout, so a live request is never taken over. */
    static final Duration IN_PROGRESS_LOCK = Duration.ofSeconds(60);
    static final int MAX_KEY_LENGTH = 255;
    static final int MAX_REMEMBERED_BUSINESSES = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(SubmitJob.class);

    private final JobRequestReader reader;
    private final JobStore jobs;
    private final AccountStore accounts;
    private final IdempotencyStore idempotency;
    private final DraftQueue drafts;
    private final IntakePolicy policy;
    private final IdGenerator ids;
    private final Clock clock;
    private final Metrics metrics;
    private final Map<String, String> currencies = RecentlyUsed.map(MAX_REMEMBERED_BUSINESSES);

    public SubmitJob(JobRequestReader reader, JobStore jobs, AccountStore accounts, IdempotencyStore idempotency,
                     DraftQueue drafts, IntakePolicy policy, IdGenerator ids, Clock clock, Metrics metrics) {
        this.reader = reader;
        this.jobs = jobs;
        this.accounts = accounts;
        this.idempotency = idempotency;
        this.drafts = drafts;
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What to answer: the status and the JSON body (the first response again on a replay). */
    public record Response(int status, String body) {
    }

    public Response submit(String businessId, Optional<String> idempotencyKey, byte[] rawBody, ObjectNode body) {
        Optional<String> key = idempotencyKey.map(SubmitJob::checkKey);
        String requestHash = Hashes.sha256Hex(rawBody);
        if (key.isPresent()) {
            Optional<IdempotencyRecord> earlier = idempotency.find(businessId, key.get());
            if (earlier.isPresent()) {
                return replayOrResume(earlier.get(), requestHash, body);
            }
        }
        JobRequest request = reader.read(body, currencyOf(businessId));

        Instant now = clock.instant();
        Job job = newJob(businessId, request, now);
        List<String> taskIds = new ArrayList<>(job.taskCount());
        for (int i = 0; i < job.taskCount(); i++) {
            taskIds.add(ids.next(IdType.TASK));
        }
        LedgerEntry hold = new LedgerEntry(ids.next(IdType.LEDGER_ENTRY), LedgerAccount.businessAvailable(businessId),
                LedgerAccount.businessEscrow(businessId), job.escrowHold(), EntryReason.ESCROW_HOLD, job.id(), null, now);
        Optional<IdempotencyRecord> record = key.map(k -> new IdempotencyRecord(businessId, k, requestHash, job.id(),
                Optional.empty(), now.plus(IN_PROGRESS_LOCK)));
        try {
            jobs.createJob(job, taskIds, hold, record);
        } catch (JobStore.IdempotencyKeyTakenException e) {
            return idempotency.find(businessId, key.orElseThrow())
                    .map(winner -> replayOrResume(winner, requestHash, body))
                    .orElseThrow(() -> e);
        } catch (RuntimeException e) {
            // A timeout may hide a transaction that went through, lock and all.
            record.ifPresent(held -> releaseLock(held.businessId(), held.key(), held.lockedUntil()));
            throw e;
        }
        try {
            jobs.addNewTasks(job, tasks(job, taskIds, request.inputs(), now));
            metrics.count("TasksCreated", taskIds.size());
            return finish(job, taskIds, key);
        } catch (RuntimeException e) {
            record.ifPresent(held -> releaseLock(held.businessId(), held.key(), held.lockedUntil()));
            throw e;
        }
    }

    /**
     * The currency of the business's account, read once per business per instance: it is fixed
     * when the business is created and nothing changes it. (Should a business ever go away, the
     * escrow hold's condition on its account refuses the job.)
     */
    private String currencyOf(String businessId) {
        String known = currencies.get(businessId);
        if (known != null) {
            return known;
        }
        Business business = accounts.findBusiness(businessId)
                .orElseThrow(() -> new UnauthorizedException("The business of this API key no longer exists"));
        currencies.put(businessId, business.currency());
        return business.currency();
    }

    private Response replayOrResume(IdempotencyRecord earlier, String requestHash, ObjectNode body) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw new IdempotencyKeyReusedException("This Idempotency-Key was first used with a different request "
                    + "body; send the same body to retry, or use a new key for a new job");
        }
        if (earlier.response().isPresent()) {
            IdempotencyRecord.StoredResponse stored = earlier.response().get();
            return new Response(stored.status(), stored.body());
        }
        Instant now = clock.instant();
        Instant lock = now.plus(IN_PROGRESS_LOCK);
        if (earlier.lockedUntil().isAfter(now)
                || !idempotency.relock(earlier.businessId(), earlier.key(), earlier.lockedUntil(), lock)) {
            throw new ConflictException("A request with this Idempotency-Key is still being processed; retry in a few seconds");
        }
        try {
            Job job = jobs.findJob(earlier.jobId())
                    .orElseThrow(() -> new NotFoundException("Job " + earlier.jobId() + " of this Idempotency-Key is gone"));
            JobRequest request = reader.read(body, job.reward().currency());
            List<String> taskIds = jobs.taskIds(job.id());
            jobs.addMissingTasks(job, tasks(job, taskIds, request.inputs(), job.createdAt()));
            return finish(job, taskIds, Optional.of(earlier.key()));
        } catch (RuntimeException e) {
            releaseLock(earlier.businessId(), earlier.key(), lock);
            throw e;
        }
    }

    /**
     * Gives up this request's lock when it fails, so that the client's retry resumes the job at
     * once instead of getting 409s until the lock runs out: the lock is only there to keep two
     * live requests apart, and this one is over. Conditional on the lock being ours and the record
     * unanswered; if the release fails too, the lock simply runs out. (A crashed request cannot
     * release anything: its retry waits for the lock, as before.)
     */
    private void releaseLock(String businessId, String key, Instant heldLock) {
        try {
            idempotency.relock(businessId, key, heldLock, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Could not release the lock on an Idempotency-Key after a failure; a retry waits for it: {}", e.toString());
        }
    }

    private Response finish(Job job, List<String> taskIds, Optional<String> key) {
        if (job.drafting().provider() != DraftProviderName.NONE) {
            drafts.request(draftRequests(job, taskIds));
        }
        Response response = new Response(201, JobViews.created(job, taskIds).toString());
        key.ifPresent(k -> idempotency.complete(job.businessId(), k,
                new IdempotencyRecord.StoredResponse(response.status(), response.body()), clock.instant().plus(KEEP_KEYS)));
        return response;
    }

    private Job newJob(String businessId, JobRequest request, Instant now) {
        Money fee = request.reward().basisPoints(policy.platformFeeBps());
        return new Job(ids.next(IdType.JOB), businessId, request.type(), request.title(), request.instructions(),
                request.reward(), fee, request.assignments(), request.taskCount(), request.skills(),
                request.drafting(), request.callbackUrl(), request.leaseSeconds(), request.autoApproveAfterSeconds(),
                now, now.plusSeconds(request.expiresInSeconds()), JobStatus.OPEN);
    }

    /** Task {@code i * assignments + r} is assignment r of input i, so siblings sit side by side. */
    private static List<Task> tasks(Job job, List<String> taskIds, List<ObjectNode> inputs, Instant at) {
        List<Task> tasks = new ArrayList<>(taskIds.size());
        for (int input = 0; input < inputs.size(); input++) {
            for (int replica = 0; replica < job.assignments(); replica++) {
                Task task = Task.create(taskIds.get(input * job.assignments() + replica), job, input, inputs.get(input), at);
                if (job.drafting().provider() == DraftProviderName.NONE) {
                    task = task.ready(Draft.none(DraftProviderName.NONE, "The job asked for no AI draft", at), at);
                }
                tasks.add(task);
            }
        }
        return tasks;
    }

    private static List<DraftQueue.DraftRequest> draftRequests(Job job, List<String> taskIds) {
        List<DraftQueue.DraftRequest> requests = new ArrayList<>(job.inputCount());
        for (int input = 0; input < job.inputCount(); input++) {
            int from = input * job.assignments();
            requests.add(new DraftQueue.DraftRequest(job.id(), input, taskIds.subList(from, from + job.assignments())));
        }
        return requests;
    }

    private static String checkKey(String key) {
        boolean printable = !key.isEmpty() && key.length() <= MAX_KEY_LENGTH
                && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        if (!printable) {
            throw ValidationException.of("Idempotency-Key",
                    "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters, such as a UUID");
        }
        return key;
    }
}
