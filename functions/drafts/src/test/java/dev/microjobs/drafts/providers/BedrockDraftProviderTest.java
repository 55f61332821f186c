package dev.microjobs.drafts.providers;

import static dev.microjobs.drafts.providers.ProviderTests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.drafts.DraftProviderException;
import dev.microjobs.core.drafts.DraftRequest;
import dev.microjobs.core.drafts.DraftResult;
import dev.microjobs.core.drafts.ResilientDraftProvider;
import dev.microjobs.drafts.providers.StubServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** Against a stub speaking Converse's REST JSON, reached through the SDK's endpoint override. */
class BedrockDraftProviderTest {

    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final String SUMMARY_REPLY = """
            {"output": {"message": {"role": "assistant", "content": [{"text": "Ticket volume rose 18%."}]}},
             "stopReason": "end_turn", "usage": {"inputTokens": 380, "outputTokens": 12, "totalTokens": 392},
             "metrics": {"latencyMs": 640}}""";

    private StubServer server;
    private final List<Duration> waits = ProviderTests.waits();

    @BeforeEach
    void start() throws Exception {
        server = new StubServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private BedrockDraftProvider provider(String modelId) {
        return provider(modelId, ProviderTests.TIMEOUT);
    }

    private BedrockDraftProvider provider(String modelId, Duration timeout) {
        BedrockSettings settings = new BedrockSettings(modelId, "us-east-1", server.uri(""), timeout);
        return new BedrockDraftProvider(settings, () -> DraftProvidersFactory.bedrockClient(settings,
                UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"))));
    }

    private static DraftRequest summary() {
        return ProviderTests.request(ProviderTests.job(JobType.SUMMARY, DraftProviderName.BEDROCK, null),
                json("{\"text\": \"Ticket volume rose 18% over the quarter.\", \"maxWords\": 20}"));
    }

    private static Reply awsError(int status, String type, String message) {
        return new Reply(status, "{\"message\": \"" + message + "\"}",
                Map.of("Content-Type", "application/json", "x-amzn-ErrorType", type), Duration.ZERO);
    }

    @Test
    void conversesWithTheConfiguredModelAndReadsTextAndUsage() {
        server.reply(Reply.json(200, SUMMARY_REPLY));
        DraftRequest request = summary();

        DraftResult result = provider(MODEL).draft(request);

        assertEquals("Ticket volume rose 18%.", result.content().asText());
        assertEquals(MODEL, result.model());
        assertEquals(380L, result.inputTokens());
        assertEquals(12L, result.outputTokens());
        StubServer.Received sent = server.received().get(0);
        assertEquals("POST /model/" + MODEL + "/converse", sent.method() + " " + sent.path());
        assertTrue(sent.header("Authorization").startsWith("AWS4-HMAC-SHA256"), "signed with SigV4");
        JsonNode body = json(sent.body());
        assertEquals("user", body.at("/messages/0/role").asText());
        assertEquals(request.prompt(), body.at("/messages/0/content/0/text").asText());
        assertEquals(OpenAiDraftProvider.SYSTEM_PROMPT, body.at("/system/0/text").asText());
    }

    @Test
    void retriesAfterThrottling() {
        server.reply(awsError(429, "ThrottlingException", "Too many requests, please wait before trying again."),
                Reply.json(200, SUMMARY_REPLY));

        DraftResult result = ProviderTests.resilient(provider(MODEL), waits).draft(summary());

        assertEquals("Ticket volume rose 18%.", result.content().asText());
        assertEquals(2, server.received().size(), "one throttled call, one retry; the SDK itself does not retry");
        assertEquals(1, waits.size());
    }

    @Test
    void repeatedServerErrorsOpenTheBreakerAndLaterCallsNeverReachTheServer() {
        server.reply(awsError(500, "InternalServerException", "An internal server error occurred."));
        ResilientDraftProvider resilient = ProviderTests.resilient(provider(MODEL), waits);

        DraftProviderException first = assertThrows(DraftProviderException.class, () -> resilient.draft(summary()));
        assertThrows(DraftProviderException.class, () -> resilient.draft(summary()));
        DraftProviderException fast = assertThrows(DraftProviderException.class, () -> resilient.draft(summary()));

        assertEquals("gave up after 3 attempts: HTTP 500 from bedrock: An internal server error occurred.",
                first.getMessage());
        assertTrue(fast.getMessage().startsWith("circuit breaker open for the bedrock provider"), fast.getMessage());
        assertEquals(4, server.received().size());
    }

    @Test
    void aValidationErrorIsPermanent() {
        server.reply(awsError(400, "ValidationException", "The provided model identifier is invalid."));

        DraftProviderException invalid = assertThrows(DraftProviderException.class, () -> provider(MODEL).draft(summary()));

        assertFalse(invalid.retryable());
        assertEquals("HTTP 400 from bedrock: The provided model identifier is invalid.", invalid.getMessage());
    }

    @Test
    void aReplySlowerThanTheTimeoutIsARetryableTimeout() {
        server.reply(Reply.json(200, SUMMARY_REPLY).after(ProviderTests.SLOW_REPLY));

        DraftProviderException timeout = assertThrows(DraftProviderException.class,
                () -> provider(MODEL, ProviderTests.SHORT_TIMEOUT).draft(summary()));

        assertTrue(timeout.retryable(), timeout.getMessage());
        assertTrue(timeout.getMessage().startsWith("bedrock timed out"), timeout.getMessage());
    }

    @Test
    void malformedJsonIsPermanent() {
        server.reply(Reply.json(200, "{\"output\": {\"message\": "));

        DraftProviderException malformed = assertThrows(DraftProviderException.class,
                () -> provider(MODEL).draft(summary()));

        assertFalse(malformed.retryable(), malformed.getMessage());
        assertTrue(malformed.getMessage().startsWith("malformed response from bedrock"), malformed.getMessage());
    }

    @Test
    void withoutAModelIdNothingIsBuiltOrCalled() {
        DraftProviderException missing = assertThrows(DraftProviderException.class, () -> provider(" ").draft(summary()));

        assertEquals("BEDROCK_MODEL_ID is not set, so the bedrock provider cannot draft", missing.getMessage());
        assertTrue(server.received().isEmpty());
    }
}
