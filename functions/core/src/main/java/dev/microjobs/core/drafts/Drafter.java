package dev.microjobs.core.drafts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.core.domain.Draft;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.Job;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drafts one task of a job with the job's provider. It never throws for provider trouble:
 * whatever goes wrong (breaker open, timeouts, HTTP errors, malformed answers, a type the
 * provider cannot draft) becomes a {@link Draft#none} with the reason, and the task goes to
 * a worker without a draft instead of waiting.
 *
 * <p>The job names its provider ({@code Job.DraftSettings.provider} is required; intake
 * applies the deployment's default when a business does not choose one).
 */
@Singleton
public class Drafter {

    private static final Logger LOG = LoggerFactory.getLogger(Drafter.class);

    private final DraftProviders providers;
    private final Clock clock;

    @Inject
    public Drafter(DraftProviders providers) {
        this(providers, Clock.systemUTC());
    }

    public Drafter(DraftProviders providers, Clock clock) {
        this.providers = Objects.requireNonNull(providers, "providers are required");
        this.clock = Objects.requireNonNull(clock, "clock is required");
    }

    /**
     * The draft for task {@code taskId} of {@code job}, whose input is {@code input}: with
     * content, or {@link Draft#none} saying why there is none. Latency is measured end to
     * end, retries and backoff included.
     */
    public Draft draft(Job job, String taskId, JsonNode input) {
        DraftProviderName name = job.drafting().provider();
        Instant start = clock.instant();
        if (name == DraftProviderName.NONE) {
            return Draft.none(name, "drafting is switched off for this job", start);
        }
        Optional<DraftProvider> provider = providers.get(name);
        if (provider.isEmpty()) {
            return Draft.none(name, "the " + name.wireName() + " draft provider is not set up in this deployment",
                    start);
        }
        String prompt = PromptTemplates.prompt(job, input);
        DraftRequest request = new DraftRequest(job, taskId, input, prompt, draftWebhookUrl(job));
        try {
            DraftResult result = provider.get().draft(request);
            Instant end = clock.instant();
            return Draft.of(name, result.model(), result.content(), Duration.between(start, end).toMillis(),
                    result.inputTokens(), result.outputTokens(), end);
        } catch (UnsupportedDraftException e) {
            LOG.info("no {} draft for task {} of job {}: {}", name.wireName(), taskId, job.id(), e.getMessage());
            return Draft.none(name, e.getMessage(), clock.instant());
        } catch (DraftProviderException e) {
            LOG.warn("no {} draft for task {} of job {}: {}", name.wireName(), taskId, job.id(), e.getMessage());
            return Draft.none(name, e.getMessage(), clock.instant());
        } catch (RuntimeException e) {
            // A provider bug must not stall the task either; the stack trace goes to the log only.
            LOG.error("the {} provider failed on task {} of job {}", name.wireName(), taskId, job.id(), e);
            return Draft.none(name, "the " + name.wireName() + " provider failed unexpectedly ("
                    + e.getClass().getSimpleName() + ")", clock.instant());
        }
    }

    /**
     * Where the webhook provider posts the task. The job has no separate draft hook yet, so
     * it is the job's callbackUrl, the business's one webhook endpoint; the request's
     * {@code type} field tells the endpoint it is a draft request. When the job gets its own
     * {@code draft.webhookUrl}, prefer it here.
     */
    private static URI draftWebhookUrl(Job job) {
        return job.drafting().webhookUrl();
    }
}
