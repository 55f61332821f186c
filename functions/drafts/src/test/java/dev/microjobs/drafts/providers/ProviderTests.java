package dev.microjobs.drafts.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobStatus;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.drafts.DraftProvider;
import dev.microjobs.core.drafts.DraftRequest;
import dev.microjobs.core.drafts.PromptTemplates;
import dev.microjobs.core.drafts.ResilienceSettings;
import dev.microjobs.core.drafts.ResilientDraftProvider;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Jobs, requests and a fast resilience setup for provider tests. */
final class ProviderTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    /** Generous, so that a loaded machine never times out a reply the stub sends at once. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** For the tests of a timeout, whose stub answers after {@link #SLOW_REPLY}. */
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(400);
    static final Duration SLOW_REPLY = Duration.ofMillis(1500);
    /** Short timeouts, and a breaker that opens after four failed attempts. */
    static final ResilienceSettings FAST = new ResilienceSettings(TIMEOUT, 3, Duration.ofMillis(200),
            Duration.ofSeconds(5), 4, Duration.ofSeconds(30));
    private static final IdGenerator IDS = new IdGenerator(Clock.systemUTC());

    private ProviderTests() {
    }

    static JsonNode json(String source) {
        try {
            return JSON.readTree(source);
        } catch (Exception e) {
            throw new IllegalArgumentException(source, e);
        }
    }

    /** @param webhookUrl where the webhook provider posts; other providers get none */
    static Job job(JobType type, DraftProviderName provider, URI webhookUrl) {
        URI draftUrl = provider != DraftProviderName.WEBHOOK ? null
                : webhookUrl != null ? webhookUrl : URI.create("https://hooks.nordwerk.example/draft");
        return new Job(IDS.next(IdType.JOB), IDS.next(IdType.BUSINESS), type, "Invoice entry for Nordwerk",
                "Copy the fields exactly as printed.", new Money(25, "USD"), new Money(3, "USD"), 1, 1, Set.of(),
                new Job.DraftSettings(provider, null, draftUrl, null), null, 600, 86_400, T0, T0.plus(Duration.ofDays(7)),
                JobStatus.OPEN);
    }

    static DraftRequest request(Job job, JsonNode input) {
        return new DraftRequest(job, IDS.next(IdType.TASK), input, PromptTemplates.prompt(job, input),
                job.drafting().webhookUrl());
    }

    /** {@code provider} with retries and a breaker that record their waits instead of sleeping. */
    static ResilientDraftProvider resilient(DraftProvider provider, List<Duration> waits) {
        return new ResilientDraftProvider(provider, FAST, Clock.systemUTC(), waits::add, () -> 0.5);
    }

    static List<Duration> waits() {
        return new CopyOnWriteArrayList<>();
    }
}
