package dev.microjobs.core.drafts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobStatus;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.domain.Money;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Jobs, inputs and requests to start draft tests from. */
public final class DraftFixtures {

    public static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final IdGenerator IDS = new IdGenerator(Clock.systemUTC());

    private DraftFixtures() {
    }

    public static Job job(JobType type, DraftProviderName provider, String promptTemplate) {
        return new Job(IDS.next(IdType.JOB), IDS.next(IdType.BUSINESS), type, "Taglines for TrailFuel",
                "Short and punchy, no puns.", new Money(25, "USD"), new Money(3, "USD"), 1, 4, Set.of(),
                new Job.DraftSettings(provider, promptTemplate, webhookUrlFor(provider), null),
                URI.create("https://hooks.trailfuel.example/microjobs"),
                600, 86_400, T0, T0.plus(Duration.ofDays(7)), JobStatus.OPEN);
    }

    public static Job job(JobType type) {
        return job(type, DraftProviderName.OFFLINE, null);
    }

    private static URI webhookUrlFor(DraftProviderName provider) {
        return provider == DraftProviderName.WEBHOOK ? URI.create("https://hooks.trailfuel.example/drafts") : null;
    }

    public static String taskId() {
        return IDS.next(IdType.TASK);
    }

    public static DraftRequest request(Job job, JsonNode input) {
        return new DraftRequest(job, taskId(), input, PromptTemplates.prompt(job, input),
                job.drafting().webhookUrl());
    }

    public static JsonNode json(String source) {
        try {
            return JSON.readTree(source);
        } catch (Exception e) {
            throw new IllegalArgumentException(source, e);
        }
    }
}
