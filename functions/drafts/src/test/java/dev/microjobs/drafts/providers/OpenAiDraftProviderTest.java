package dev.microjobs.drafts.providers;

import static dev.microjobs.drafts.providers.ProviderTests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.aws.http.OutboundHttpClient;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.drafts.DraftProviderException;
import dev.microjobs.core.drafts.DraftRequest;
import dev.microjobs.core.drafts.DraftResult;
import dev.microjobs.core.drafts.ResilientDraftProvider;
import dev.microjobs.drafts.providers.StubServer.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiDraftProviderTest {

    private static final String DATA_ENTRY_REPLY = """
            {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4o-mini-2024-07-18",
             "choices": [{"index": 0, "finish_reason": "stop",
               "message": {"role": "assistant", "content": "{\\"total\\": \\"1309.00 EUR\\", \\"date\\": \\"2026-03-03\\"}"}}],
             "usage": {"prompt_tokens": 412, "completion_tokens": 23, "total_tokens": 435}}""";

    private StubServer server;
    private final OutboundHttpClient http = new OutboundHttpClient(Duration.ofSeconds(1));
    private final List<Duration> waits = ProviderTests.waits();

    @BeforeEach
    void start() throws Exception {
        server = new StubServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiDraftProvider provider(String apiKey) {
        return provider(apiKey, ProviderTests.TIMEOUT);
    }

    private OpenAiDraftProvider provider(String apiKey, Duration timeout) {
        return new OpenAiDraftProvider(new OpenAiSettings(server.uri("/v1"), "gpt-4o-mini", apiKey, timeout, true), http);
    }

    private static DraftRequest dataEntry() {
        return ProviderTests.request(ProviderTests.job(JobType.DATA_ENTRY, DraftProviderName.OPENAI, null),
                json("{\"text\": \"Total due: 1.309,00 €\", \"fields\": [\"total\", \"date\"]}"));
    }

    @Test
    void postsAChatCompletionAndReadsTheDraftAndUsage() {
        server.reply(Reply.json(200, DATA_ENTRY_REPLY));
        DraftRequest request = dataEntry();

        DraftResult result = provider("sk-test").draft(request);

        assertEquals(json("{\"total\": \"1309.00 EUR\", \"date\": \"2026-03-03\"}"), result.content());
        assertEquals("gpt-4o-mini-2024-07-18", result.model());
        assertEquals(412L, result.inputTokens());
        assertEquals(23L, result.outputTokens());
        StubServer.Received sent = server.received().get(0);
        assertEquals("POST /v1/chat/completions", sent.method() + " " + sent.path());
        assertEquals("Bearer sk-test", sent.header("Authorization"));
        JsonNode body = json(sent.body());
        assertEquals("gpt-4o-mini", body.get("model").asText());
        assertEquals("system", body.at("/messages/0/role").asText());
        assertEquals(request.prompt(), body.at("/messages/1/content").asText());
        assertEquals("json_object", body.at("/response_format/type").asText(), "data entry asks for a JSON object");
    }

    @Test
    void asksAgainWithoutJsonModeWhenTheServerRejectsIt() {
        server.reply(Reply.json(400, "{\"error\": \"'response_format.type' must be 'json_schema' or 'text'\"}"),
                Reply.json(200, DATA_ENTRY_REPLY));
        OpenAiDraftProvider provider = provider("");

        assertEquals("1309.00 EUR", provider.draft(dataEntry()).content().get("total").asText());
        provider.draft(dataEntry());

        List<StubServer.Received> sent = server.received();
        assertEquals(3, sent.size());
        assertFalse(json(sent.get(1).body()).has("response_format"));
        assertFalse(json(sent.get(2).body()).has("response_format"), "and does not ask for it again");
        assertEquals(null, sent.get(0).header("Authorization"), "a local server needs no key");
    }

    @Test
    void keepsTaglinesThatAreNotJsonAsText() {
        server.reply(Reply.json(200, """
                {"choices": [{"message": {"role": "assistant", "content": "1. Fuel the climb.\\n2. Real food."}}]}"""));
        DraftRequest request = ProviderTests.request(ProviderTests.job(JobType.TAGLINE, DraftProviderName.OPENAI, null),
                json("{\"brief\": \"An energy bar\"}"));

        DraftResult result = provider("k").draft(request);

        assertEquals("1. Fuel the climb.\n2. Real food.", result.content().asText());
        assertEquals("gpt-4o-mini", result.model(), "the configured model when the reply names none");
        assertEquals(null, result.inputTokens());
        assertFalse(json(server.received().get(0).body()).has("response_format"), "no JSON mode for an array");
    }

    @Test
    void retriesAfterARateLimit() {
        server.reply(Reply.json(429, "{\"error\": {\"message\": \"Rate limit reached\"}}").withHeader("Retry-After", "2"),
                Reply.json(200, DATA_ENTRY_REPLY));

        DraftResult result = ProviderTests.resilient(provider("k"), waits).draft(dataEntry());

        assertEquals("1309.00 EUR", result.content().get("total").asText());
        assertEquals(2, server.received().size());
        assertEquals(List.of(Duration.ofSeconds(2)), waits, "Retry-After is honoured");
    }

    @Test
    void repeatedServerErrorsOpenTheBreakerAndLaterCallsNeverReachTheServer() {
        server.reply(Reply.json(500, "{\"error\": {\"message\": \"The server had an error\"}}"));
        ResilientDraftProvider resilient = ProviderTests.resilient(provider("k"), waits);

        DraftProviderException first = assertThrows(DraftProviderException.class, () -> resilient.draft(dataEntry()));
        DraftProviderException second = assertThrows(DraftProviderException.class, () -> resilient.draft(dataEntry()));
        DraftProviderException third = assertThrows(DraftProviderException.class, () -> resilient.draft(dataEntry()));

        assertEquals("gave up after 3 attempts: HTTP 500 from the openai API: The server had an error",
                first.getMessage());
        assertTrue(second.getMessage().startsWith("circuit breaker open for the openai provider"), second.getMessage());
        assertTrue(third.getMessage().startsWith("circuit breaker open"), third.getMessage());
        assertEquals(4, server.received().size(), "three attempts, one more, then the breaker is open");
    }

    @Test
    void aReplySlowerThanTheTimeoutIsARetryableTimeout() {
        server.reply(Reply.json(200, DATA_ENTRY_REPLY).after(ProviderTests.SLOW_REPLY));

        DraftProviderException timeout = assertThrows(DraftProviderException.class,
                () -> provider("k", ProviderTests.SHORT_TIMEOUT).draft(dataEntry()));

        assertTrue(timeout.retryable());
        assertEquals("the openai API timed out after 400 ms", timeout.getMessage());
    }

    @Test
    void malformedJsonIsPermanent() {
        server.reply(Reply.json(200, "{\"choices\": [{\"message\": "));

        DraftProviderException malformed = assertThrows(DraftProviderException.class,
                () -> ProviderTests.resilient(provider("k"), waits).draft(dataEntry()));

        assertFalse(malformed.retryable());
        assertTrue(malformed.getMessage().startsWith("malformed JSON from the openai API"), malformed.getMessage());
        assertEquals(1, server.received().size(), "not retried");
    }

    @Test
    void withoutAnApiKeyTheOpenAiServiceIsNotCalled() {
        OpenAiDraftProvider unconfigured = new OpenAiDraftProvider(new OpenAiSettings(
                URI.create("https://api.openai.com/v1"), "gpt-4o-mini", " ", ProviderTests.TIMEOUT, true), http);

        DraftProviderException missing = assertThrows(DraftProviderException.class, () -> unconfigured.draft(dataEntry()));

        assertEquals("OPENAI_API_KEY is not set, so the openai provider cannot draft", missing.getMessage());
    }
}
