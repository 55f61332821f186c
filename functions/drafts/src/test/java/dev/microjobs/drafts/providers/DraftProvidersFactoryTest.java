package dev.microjobs.drafts.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.microjobs.core.domain.Draft;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.drafts.Drafter;
import dev.microjobs.core.drafts.ResilienceSettings;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Micronaut wiring: it starts with no configuration at all, and a missing setting fails a draft, not the start. */
class DraftProvidersFactoryTest {

    /** What Lambda always provides; the table is unreachable, as no test should touch AWS. */
    private static final Map<String, String> LAMBDA_ENVIRONMENT = Map.of(
            "aws.region", "us-east-1", "aws.accessKeyId", "test", "aws.secretAccessKey", "test",
            "aws.endpointUrlDynamoDb", "http://127.0.0.1:1");

    @BeforeAll
    static void lambdaEnvironment() {
        LAMBDA_ENVIRONMENT.forEach(System::setProperty);
    }

    @AfterAll
    static void clearLambdaEnvironment() {
        LAMBDA_ENVIRONMENT.keySet().forEach(System::clearProperty);
    }

    @Test
    void startsWithoutConfigurationAndEveryProviderSaysWhatIsMissing() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("OPENAI_API_KEY", "", "TABLE_NAME", "t"))) {
            Drafter drafter = context.getBean(Drafter.class);
            var input = ProviderTests.json("{\"brief\": \"A plant-based energy bar for trail runners.\"}");

            Draft offline = drafter.draft(ProviderTests.job(JobType.TAGLINE, DraftProviderName.OFFLINE, null), "task_x", input);
            Draft openAi = drafter.draft(ProviderTests.job(JobType.TAGLINE, DraftProviderName.OPENAI, null), "task_x", input);
            Draft bedrock = drafter.draft(ProviderTests.job(JobType.TAGLINE, DraftProviderName.BEDROCK, null), "task_x", input);
            Draft webhook = drafter.draft(ProviderTests.job(JobType.TAGLINE, DraftProviderName.WEBHOOK, null), "task_x", input);

            assertTrue(offline.hasContent());
            assertEquals("OPENAI_API_KEY is not set, so the openai provider cannot draft", openAi.failureReason());
            assertEquals("BEDROCK_MODEL_ID is not set, so the bedrock provider cannot draft", bedrock.failureReason());
            assertTrue(webhook.failureReason().contains("cannot read the business's webhook signing secret"),
                    webhook.failureReason());
            assertEquals(ResilienceSettings.DEFAULTS, context.getBean(ResilienceSettings.class));
        }
    }

    @Test
    void readsTheSettingsFromEnvironmentStyleNames() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "OPENAI_BASE_URL", "http://127.0.0.1:11434/v1", "OPENAI_MODEL", "llama3.1",
                "DRAFT_TIMEOUT", "5s", "DRAFT_MAX_ATTEMPTS", "2", "BEDROCK_MODEL_ID", "amazon.nova-lite-v1:0"))) {
            OpenAiSettings openAi = context.getBean(OpenAiSettings.class);

            assertEquals("http://127.0.0.1:11434/v1/chat/completions", openAi.chatCompletions().toString());
            assertEquals("llama3.1", openAi.model());
            assertEquals(Duration.ofSeconds(5), openAi.timeout());
            assertEquals(2, context.getBean(ResilienceSettings.class).maxAttempts());
            assertEquals("amazon.nova-lite-v1:0", context.getBean(BedrockSettings.class).modelId());
        }
    }
}
