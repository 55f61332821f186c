package dev.microjobs.core.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.domain.Id;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Task;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a task or a job. The id ({@code evt_} + ULID) sorts by time, so it
 * is also the business's position in its event feed, and it is the {@code webhook-id} of every
 * delivery attempt of this event.
 *
 * @param businessId whose event it is; used for routing and tenancy, never sent to the business
 * @param taskId null for job events
 */
public record Event(String id, EventType type, Instant occurredAt, String businessId, String jobId, String taskId) {

    public Event {
        Id.requireValid(IdType.EVENT, id);
        Objects.requireNonNull(type, "type is required");
        Objects.requireNonNull(occurredAt, "occurredAt is required");
        Id.requireValid(IdType.BUSINESS, businessId);
        Id.requireValid(IdType.JOB, jobId);
        if ((taskId == null) != (type == EventType.JOB_COMPLETED)) {
            throw new IllegalArgumentException("task events name their task and job events name none: " + type);
        }
        if (taskId != null) {
            Id.requireValid(IdType.TASK, taskId);
        }
    }

    /** A task event about {@code task} as it is now. */
    public static Event of(IdGenerator ids, EventType type, Task task, Instant at) {
        return new Event(ids.next(IdType.EVENT), type, at, task.businessId(), task.jobId(), task.id());
    }

    public static Event jobCompleted(IdGenerator ids, String businessId, String jobId, Instant at) {
        return new Event(ids.next(IdType.EVENT), EventType.JOB_COMPLETED, at, businessId, jobId, null);
    }

    /**
     * The event as businesses see it, in webhooks and in the feed, following the Standard Webhooks
     * payload shape: {@code {"id", "type", "timestamp", "data": {"jobId", "taskId"}}}.
     */
    public ObjectNode payload() {
        ObjectNode payload = JsonNodeFactory.instance.objectNode()
                .put("id", id)
                .put("type", type.wireName())
                .put("timestamp", occurredAt.toString());
        ObjectNode data = payload.putObject("data").put("jobId", jobId);
        if (taskId != null) {
            data.put("taskId", taskId);
        }
        return payload;
    }
}
