package dev.microjobs.core.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.accounts.BusinessAccount;
import dev.microjobs.core.domain.Id;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.InvalidIdException;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.errors.NotFoundException;
import dev.microjobs.core.errors.UnauthorizedException;
import dev.microjobs.core.ports.AccountStore;
import dev.microjobs.core.ports.JobStore;
import dev.microjobs.core.ports.Page;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a business reads: its account, its jobs, their tasks and results. Another business's
 * job or task is answered exactly like one that does not exist.
 */
@Singleton
public class BusinessJobs {
    private final JobStore jobs;
    private final AccountStore accounts;

    public BusinessJobs(JobStore jobs, AccountStore accounts) {
        this.jobs = jobs;
        this.accounts = accounts;
    }

    public ObjectNode account(String businessId) {
        BusinessAccount account = accounts.findAccount(businessId)
                .orElseThrow(() -> new UnauthorizedException("The business of this API key no longer exists"));
        String name = accounts.findBusiness(businessId).map(b -> b.name()).orElse("");
        return JobViews.account(account, name);
    }

    public Job job(String businessId, String jobId) {
        return parse(IdType.JOB, jobId)
                .flatMap(jobs::findJob)
                .filter(job -> job.businessId().equals(businessId))
                .orElseThrow(() -> new NotFoundException("No job " + printable(jobId)));
    }

    public ObjectNode jobDetail(String businessId, String jobId) {
        Job job = job(businessId, jobId);
        return JobViews.detail(job, jobs.countTasksByState(job.id()), jobs.draftSpend(job.id()));
    }

    public Page<Job> jobs(String businessId, Optional<String> cursor, int limit) {
        return jobs.listJobs(businessId, cursor, limit);
    }

    public Page<Task> tasks(String businessId, String jobId, Optional<TaskState> state, Optional<String> cursor, int limit) {
        Job job = job(businessId, jobId);
        return jobs.listTasks(job.id(), state, cursor, limit);
    }

    public Task task(String businessId, String taskId) {
        return parse(IdType.TASK, taskId)
                .flatMap(jobs::findTask)
                .filter(task -> task.businessId().equals(businessId))
                .orElseThrow(() -> new NotFoundException("No task " + printable(taskId)));
    }

    /** Approved and paid tasks, in input order. */
    public List<Task> results(String businessId, String jobId) {
        Job job = job(businessId, jobId);
        return jobs.tasksIn(job, JobViews.SPENT).stream()
                .sorted(Comparator.comparingInt(Task::inputIndex).thenComparing(Task::id))
                .toList();
    }

    private static Optional<String> parse(IdType type, String raw) {
        try {
            return Optional.of(Id.requireValid(type, raw));
        } catch (InvalidIdException e) {
            return Optional.empty();
        }
    }

    // Echoing a client's id back is fine, but only a short, plain one.
    private static String printable(String raw) {
        String cut = raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
