package dev.microjobs.drafts.providers;

import static dev.microjobs.drafts.providers.ProviderTests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.aws.http.OutboundHttpClient;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.drafts.DraftProviderException;
import dev.microjobs.core.drafts.DraftRequest;
import dev.microjobs.core.drafts.ResilientDraftProvider;
import dev.microjobs.drafts.providers.StubServer.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDraftProviderTest {

    private static final byte[] KEY = "a 32-byte key for the test only!".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

    private StubServer server;
    private final List<URI> checked = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = ProviderTests.waits();
    private final OutboundHttpClient http = new OutboundHttpClient(ProviderTests.TIMEOUT);
    private final Clock clock = Clock.fixed(ProviderTests.T0, ZoneOffset.UTC);

    @BeforeEach
    void start() throws Exception {
        server = new StubServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private WebhookDraftProvider provider(DestinationCheck check) {
        return new WebhookDraftProvider(http, check, businessId -> Optional.of(SECRET), ProviderTests.TIMEOUT, clock);
    }

    private WebhookDraftProvider provider() {
        return provider(checked::add);
    }

    private WebhookDraftProvider providerWithShortTimeout() {
        return new WebhookDraftProvider(http, checked::add, businessId -> Optional.of(SECRET), ProviderTests.SHORT_TIMEOUT, clock);
    }

    private DraftRequest taglines() {
        Job job = ProviderTests.job(JobType.TAGLINE, DraftProviderName.WEBHOOK, server.uri("/hooks/draft"));
        return ProviderTests.request(job, json("{\"brief\": \"A plant-based energy bar\", \"count\": 2}"));
    }

    /** What the business's endpoint does: recompute the signature with the shared secret. */
    private static boolean signatureValid(StubServer.Received received) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String signed = received.header("webhook-id") + "." + received.header("webhook-timestamp") + "." + received.body();
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        return expected.equals(received.header("webhook-signature"));
    }

    @Test
    void postsTheSignedTaskAndReadsTheDraftFromTheResponse() throws Exception {
        server.reply(Reply.json(200, "{\"draft\": [\"Fuel the climb.\", \"Real food, real trails.\"]}"));
        DraftRequest request = taglines();

        JsonNode draft = provider().draft(request).content();

        assertEquals(json("[\"Fuel the climb.\", \"Real food, real trails.\"]"), draft);
        StubServer.Received sent = server.received().get(0);
        assertTrue(signatureValid(sent), "the endpoint can verify the signature");
        assertTrue(sent.header("webhook-id").startsWith("msg_"));
        assertEquals(Long.toString(ProviderTests.T0.getEpochSecond()), sent.header("webhook-timestamp"));
        JsonNode body = json(sent.body());
        assertEquals("task.draft_requested", body.get("type").asText());
        assertEquals(request.taskId(), body.at("/data/taskId").asText());
        assertEquals(request.job().id(), body.at("/data/jobId").asText());
        assertEquals("tagline", body.at("/data/jobType").asText());
        assertEquals("Copy the fields exactly as printed.", body.at("/data/instructions").asText());
        assertEquals(2, body.at("/data/input/count").asInt());
        assertEquals(request.prompt(), body.at("/data/prompt").asText());
        assertEquals(List.of(request.webhookUrl()), checked, "the URL was checked before sending");
    }

    @Test
    void aStringDraftIsReadLikeModelText() {
        server.reply(Reply.json(200, "{\"draft\": \"[\\\"Fuel the climb.\\\"]\"}"));

        assertEquals(json("[\"Fuel the climb.\"]"), provider().draft(taglines()).content());
    }

    @Test
    void retriesAfterARateLimitWithAFreshSignature() throws Exception {
        server.reply(Reply.json(429, ""), Reply.json(200, "{\"draft\": [\"Fuel the climb.\"]}"));

        ProviderTests.resilient(provider(), waits).draft(taglines());

        assertEquals(2, server.received().size());
        assertTrue(signatureValid(server.received().get(1)));
        assertFalse(server.received().get(0).header("webhook-id").equals(server.received().get(1).header("webhook-id")),
                "each delivery attempt has its own id");
    }

    @Test
    void repeatedServerErrorsOpenTheBreakerAndLaterCallsNeverReachTheServer() {
        server.reply(Reply.json(503, "maintenance"));
        ResilientDraftProvider resilient = ProviderTests.resilient(provider(), waits);

        DraftProviderException first = assertThrows(DraftProviderException.class, () -> resilient.draft(taglines()));
        assertThrows(DraftProviderException.class, () -> resilient.draft(taglines()));
        assertThrows(DraftProviderException.class, () -> resilient.draft(taglines()));

        assertEquals("gave up after 3 attempts: HTTP 503 from the draft webhook: maintenance", first.getMessage());
        assertEquals(4, server.received().size());
    }

    @Test
    void aSlowEndpointTimesOutAndMalformedOrMissingDraftsArePermanent() {
        server.reply(Reply.json(200, "{}").after(ProviderTests.SLOW_REPLY), Reply.json(200, "{\"draft\": "),
                Reply.json(200, "{\"result\": \"x\"}"));

        DraftProviderException timeout = assertThrows(DraftProviderException.class, () -> providerWithShortTimeout().draft(taglines()));
        DraftProviderException malformed = assertThrows(DraftProviderException.class, () -> provider().draft(taglines()));
        DraftProviderException missing = assertThrows(DraftProviderException.class, () -> provider().draft(taglines()));

        assertTrue(timeout.retryable());
        assertEquals("the draft webhook timed out after 400 ms", timeout.getMessage());
        assertFalse(malformed.retryable());
        assertTrue(malformed.getMessage().startsWith("malformed JSON from the draft webhook"), malformed.getMessage());
        assertEquals("the response has no draft", missing.getMessage());
    }

    @Test
    void aDestinationThatFailsTheCheckIsNeverCalled() {
        WebhookDraftProvider guarded = provider(url -> {
            throw new IllegalArgumentException("127.0.0.1 is a loopback address");
        });

        DraftProviderException refused = assertThrows(DraftProviderException.class, () -> guarded.draft(taglines()));

        assertEquals("the webhook URL is not allowed: 127.0.0.1 is a loopback address", refused.getMessage());
        assertTrue(server.received().isEmpty());
    }

    @Test
    void aRedirectIsNotFollowed() {
        server.reply(new Reply(302, "", Map.of("Location", "http://169.254.169.254/latest/meta-data/"),
                Duration.ZERO));

        DraftProviderException redirect = assertThrows(DraftProviderException.class, () -> provider().draft(taglines()));

        assertEquals("HTTP 302 from the draft webhook", redirect.getMessage());
    }
}
