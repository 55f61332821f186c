package dev.microjobs.drafts.providers;

import dev.microjobs.aws.http.OutboundHttpClient;
import dev.microjobs.core.drafts.DraftProvider;
import dev.microjobs.core.drafts.DraftProviders;
import dev.microjobs.core.drafts.ResilienceSettings;
import dev.microjobs.core.drafts.ResilientDraftProvider;
import dev.microjobs.core.drafts.offline.OfflineDraftProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The drafts function's providers, configured from environment variables with defaults in
 * code, so a variable that is not set never fails the cold start: a provider missing what it
 * needs fails each of its drafts with the reason instead. Nothing here touches the network.
 *
 * <p>The webhook provider needs a {@link DestinationCheck} (the SSRF guard, again at call time)
 * and {@link WebhookSecrets} (the business's signing secret); the drafts function has both
 * ({@link UrlGuardDestinationCheck}, {@link BusinessWebhookSecrets}). Without them, as in a
 * unit test's context, jobs that ask for it get no draft, with that reason.
 */
@Factory
public class DraftProvidersFactory {

    @Singleton
    ResilienceSettings resilienceSettings(
            @Value("${DRAFT_TIMEOUT:20s}") Duration callTimeout,
            @Value("${DRAFT_MAX_ATTEMPTS:3}") int maxAttempts,
            @Value("${DRAFT_BACKOFF_BASE:200ms}") Duration backoffBase,
            @Value("${DRAFT_BACKOFF_CAP:5s}") Duration backoffCap,
            @Value("${DRAFT_BREAKER_FAILURES:5}") int failuresToOpen,
            @Value("${DRAFT_BREAKER_COOL_DOWN:30s}") Duration openCoolDown) {
        return new ResilienceSettings(callTimeout, maxAttempts, backoffBase, backoffCap, failuresToOpen, openCoolDown);
    }

    @Singleton
    OpenAiSettings openAiSettings(
            @Value("${OPENAI_BASE_URL:`https://api.openai.com/v1`}") String baseUrl,
            @Value("${OPENAI_MODEL:gpt-4o-mini}") String model,
            @Value("${OPENAI_API_KEY:}") String apiKey,
            @Value("${OPENAI_JSON_MODE:true}") boolean jsonMode,
            ResilienceSettings resilience) {
        return new OpenAiSettings(URI.create(baseUrl), model, apiKey, resilience.callTimeout(), jsonMode);
    }

    @Singleton
    BedrockSettings bedrockSettings(
            @Value("${BEDROCK_MODEL_ID:}") String modelId,
            @Value("${BEDROCK_REGION:}") String region,
            @Value("${BEDROCK_ENDPOINT_URL:}") String endpointUrl,
            ResilienceSettings resilience) {
        return new BedrockSettings(modelId, region, endpointUrl.isBlank() ? null : URI.create(endpointUrl.strip()),
                resilience.callTimeout());
    }

    @Singleton
    DraftProviders draftProviders(ResilienceSettings resilience, OpenAiSettings openAi, BedrockSettings bedrock,
            SdkHttpClient sdkHttp, AwsCredentialsProvider credentials,
            @Nullable DestinationCheck destinations, @Nullable WebhookSecrets secrets) {
        Clock clock = Clock.systemUTC();
        OutboundHttpClient http = new OutboundHttpClient(resilience.callTimeout());
        List<DraftProvider> network = new ArrayList<>();
        network.add(new OpenAiDraftProvider(openAi, http));
        network.add(new BedrockDraftProvider(bedrock, () -> bedrockClient(bedrock, sdkHttp, credentials)));
        if (destinations != null && secrets != null) {
            network.add(new WebhookDraftProvider(http, destinations, secrets, resilience.callTimeout(), clock));
        }
        List<DraftProvider> providers = new ArrayList<>();
        providers.add(new OfflineDraftProvider());
        network.forEach(provider -> providers.add(new ResilientDraftProvider(provider, resilience, clock)));
        return DraftProviders.of(providers);
    }

    static BedrockRuntimeClient bedrockClient(BedrockSettings settings, SdkHttpClient http,
            AwsCredentialsProvider credentials) {
        String region = settings.region().isEmpty()
                ? SdkSystemSetting.AWS_REGION.getStringValue().orElseThrow(() ->
                        new IllegalStateException("neither BEDROCK_REGION nor AWS_REGION is set"))
                : settings.region();
        var builder = BedrockRuntimeClient.builder()
                .httpClient(http)
                .credentialsProvider(credentials)
                .region(Region.of(region))
                .overrideConfiguration(o -> o.apiCallTimeout(settings.timeout())
                        .retryStrategy(retry -> retry.maxAttempts(1)));
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride());
        }
        return builder.build();
    }
}
