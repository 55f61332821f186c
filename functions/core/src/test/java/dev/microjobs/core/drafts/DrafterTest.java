package dev.microjobs.core.drafts;

import dev.microjobs.core.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.microjobs.core.domain.Draft;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.drafts.offline.OfflineDraftProvider;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DrafterTest {

    private final MutableClock clock = new MutableClock(DraftFixtures.T0);
    private final JsonNode input = DraftFixtures.json("{\"brief\": \"A plant-based energy bar for trail runners.\"}");

    /** A provider named {@code name} that answers with {@code answer}, taking 1.5 s of the fake clock. */
    private DraftProvider provider(DraftProviderName name, Function<DraftRequest, DraftResult> answer) {
        return new DraftProvider() {
            @Override
            public DraftProviderName name() {
                return name;
            }

            @Override
            public DraftResult draft(DraftRequest request) {
                clock.advance(Duration.ofMillis(1500));
                return answer.apply(request);
            }
        };
    }

    private Drafter drafter(DraftProvider... providers) {
        return new Drafter(DraftProviders.of(List.of(providers)), clock);
    }

    private static Job job(DraftProviderName provider) {
        return DraftFixtures.job(JobType.TAGLINE, provider, null);
    }

    @Test
    void sendsThePromptAndRecordsTheDraftWithModelTokensAndEndToEndLatency() {
        Job job = job(DraftProviderName.OPENAI);
        Drafter drafter = drafter(provider(DraftProviderName.OPENAI, request -> {
            assertEquals(job.drafting().webhookUrl(), request.webhookUrl());
            assertEquals(PromptTemplates.prompt(job, input), request.prompt());
            return new DraftResult(DraftFixtures.json("[\"Fuel the climb.\"]"), "gpt-4o-mini", 412L, 37L);
        }));

        Draft draft = drafter.draft(job, DraftFixtures.taskId(), input);

        assertEquals(DraftProviderName.OPENAI, draft.provider());
        assertEquals("gpt-4o-mini", draft.model());
        assertEquals(DraftFixtures.json("[\"Fuel the climb.\"]"), draft.content());
        assertEquals(1500, draft.latencyMs());
        assertEquals(412L, draft.inputTokens());
        assertEquals(37L, draft.outputTokens());
        assertEquals(DraftFixtures.T0.plusMillis(1500), draft.createdAt());
    }

    @Test
    void turnsAProviderFailureIntoNoDraftWithTheReason() {
        Drafter drafter = drafter(provider(DraftProviderName.OPENAI, request -> {
            throw DraftProviderException.permanent("gave up after 3 attempts: HTTP 500 from the model API");
        }));

        Draft draft = drafter.draft(job(DraftProviderName.OPENAI), DraftFixtures.taskId(), input);

        assertFalse(draft.hasContent());
        assertEquals("gave up after 3 attempts: HTTP 500 from the model API", draft.failureReason());
        assertEquals(DraftProviderName.OPENAI, draft.provider());
    }

    @Test
    void aProviderBugStillEndsInNoDraftRatherThanAnException() {
        Drafter drafter = drafter(provider(DraftProviderName.BEDROCK, request -> {
            throw new IllegalStateException("boom");
        }));

        Draft draft = drafter.draft(job(DraftProviderName.BEDROCK), DraftFixtures.taskId(), input);

        assertEquals("the bedrock provider failed unexpectedly (IllegalStateException)", draft.failureReason());
    }

    @Test
    void noneMeansNoDraftAndAMissingProviderIsSaidPlainly() {
        Drafter drafter = drafter(new OfflineDraftProvider());

        assertEquals("drafting is switched off for this job",
                drafter.draft(job(DraftProviderName.NONE), DraftFixtures.taskId(), input).failureReason());
        assertEquals("the webhook draft provider is not set up in this deployment",
                drafter.draft(job(DraftProviderName.WEBHOOK), DraftFixtures.taskId(), input).failureReason());
    }

    @Test
    void draftsOfflineEndToEndAndRecordsWhyATypeHasNoDraft() {
        Drafter drafter = drafter(new OfflineDraftProvider());

        Draft taglines = drafter.draft(job(DraftProviderName.OFFLINE), DraftFixtures.taskId(), input);
        Draft image = drafter.draft(DraftFixtures.job(JobType.IMAGE_TAGGING), DraftFixtures.taskId(),
                DraftFixtures.json("{\"url\": \"https://cdn.example/shoe.jpg\"}"));

        assertTrue(taglines.content().isArray() && taglines.content().size() == 5, taglines.content().toString());
        assertNull(taglines.model());
        assertEquals("the offline provider cannot see images; tagging starts from a blank page", image.failureReason());
    }

    @Test
    void providerNamesAreUnique() {
        DraftProvider one = provider(DraftProviderName.OPENAI, request -> DraftResult.of(TextNode.valueOf("x")));
        DraftProvider two = provider(DraftProviderName.OPENAI, request -> DraftResult.of(TextNode.valueOf("y")));

        assertThrows(IllegalArgumentException.class, () -> DraftProviders.of(List.of(one, two)));
    }
}
