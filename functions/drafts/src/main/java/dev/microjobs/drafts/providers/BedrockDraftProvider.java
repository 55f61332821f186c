package dev.microjobs.drafts.providers;

import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.drafts.DraftContent;
import dev.microjobs.core.drafts.DraftProvider;
import dev.microjobs.core.drafts.DraftProviderException;
import dev.microjobs.core.drafts.DraftRequest;
import dev.microjobs.core.drafts.DraftResult;
import java.io.IOException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * Drafts with Amazon Bedrock's Converse API, which speaks the same messages to every model.
 * The client is built on first use, so a function that never drafts with Bedrock never pays
 * for it, and a missing model id or region fails that call with the reason, not the cold start.
 * The SDK's own retries are off: {@code ResilientDraftProvider} retries, once, for every provider.
 */
public final class BedrockDraftProvider implements DraftProvider {

    private final BedrockSettings settings;
    private final Supplier<BedrockRuntimeClient> clientFactory;
    private volatile BedrockRuntimeClient client;

    /**
     * @param clientFactory builds the client; called at most once, on the first draft
     */
    public BedrockDraftProvider(BedrockSettings settings, Supplier<BedrockRuntimeClient> clientFactory) {
        this.settings = settings;
        this.clientFactory = clientFactory;
    }

    @Override
    public DraftProviderName name() {
        return DraftProviderName.BEDROCK;
    }

    @Override
    public DraftResult draft(DraftRequest request) {
        ModelInputs.requireText(request, "bedrock");
        if (settings.modelId().isEmpty()) {
            throw DraftProviderException.permanent("BEDROCK_MODEL_ID is not set, so the bedrock provider cannot draft");
        }
        ConverseResponse response;
        try {
            response = client().converse(converse -> converse
                    .modelId(settings.modelId())
                    .system(SystemContentBlock.fromText(OpenAiDraftProvider.SYSTEM_PROMPT))
                    .messages(Message.builder().role(ConversationRole.USER)
                            .content(ContentBlock.fromText(request.prompt())).build()));
        } catch (SdkServiceException e) {
            throw serviceFailure(e);
        } catch (SdkClientException e) {
            throw clientFailure(e);
        }
        String text = response.output() == null || response.output().message() == null ? ""
                : response.output().message().content().stream()
                        .map(ContentBlock::text).filter(t -> t != null).collect(Collectors.joining());
        TokenUsage usage = response.usage();
        return new DraftResult(DraftContent.fromModelText(request.type(), text), settings.modelId(),
                usage == null || usage.inputTokens() == null ? null : usage.inputTokens().longValue(),
                usage == null || usage.outputTokens() == null ? null : usage.outputTokens().longValue());
    }

    private BedrockRuntimeClient client() {
        BedrockRuntimeClient built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    try {
                        client = clientFactory.get();
                    } catch (RuntimeException e) {
                        throw DraftProviderException.permanent(
                                "the bedrock client cannot be built: " + e.getMessage(), e);
                    }
                }
                built = client;
            }
        }
        return built;
    }

    /** Throttling (429), model timeouts (408) and 5xx are worth retrying; validation and access errors are not. */
    private static DraftProviderException serviceFailure(SdkServiceException e) {
        int status = e.statusCode();
        String message = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorMessage() != null ? aws.awsErrorDetails().errorMessage() : e.getMessage();
        String reason = "HTTP " + status + " from bedrock: " + message;
        return status == 429 || status == 408 || status >= 500 || e.isThrottlingException()
                ? DraftProviderException.retryable(reason, e)
                : DraftProviderException.permanent(reason, e);
    }

    private static DraftProviderException clientFailure(SdkClientException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return DraftProviderException.retryable("bedrock timed out: " + e.getMessage(), e);
        }
        if (e.getCause() instanceof IOException) {
            return DraftProviderException.retryable("could not reach bedrock: " + e.getCause().getMessage(), e);
        }
        return DraftProviderException.permanent("malformed response from bedrock: " + e.getMessage(), e);
    }
}
