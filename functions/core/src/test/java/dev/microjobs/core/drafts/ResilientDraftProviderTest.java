package dev.microjobs.core.drafts;

import dev.microjobs.core.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.drafts.CircuitBreaker.State;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ResilientDraftProviderTest {

    private static final DraftResult OK = DraftResult.of(TextNode.valueOf("A draft"));
    private static final ResilienceSettings SETTINGS = new ResilienceSettings(Duration.ofSeconds(20), 3,
            Duration.ofMillis(200), Duration.ofSeconds(5), 5, Duration.ofSeconds(30));

    private final MutableClock clock = new MutableClock(DraftFixtures.T0);
    private final List<Duration> waits = new ArrayList<>();
    private final ScriptedProvider provider = new ScriptedProvider();
    private final DraftRequest request = DraftFixtures.request(DraftFixtures.job(JobType.SUMMARY),
            DraftFixtures.json("{\"text\": \"Sales rose.\"}"));

    /** Answers each call with the next step of its script. */
    private static final class ScriptedProvider implements DraftProvider {
        final Deque<Supplier<DraftResult>> script = new ArrayDeque<>();
        int calls;

        @Override
        public DraftProviderName name() {
            return DraftProviderName.OPENAI;
        }

        @Override
        public DraftResult draft(DraftRequest request) {
            calls++;
            return script.isEmpty() ? OK : script.removeFirst().get();
        }

        void thenFail(DraftProviderException failure, int times) {
            for (int i = 0; i < times; i++) {
                script.add(() -> {
                    throw failure;
                });
            }
        }
    }

    private ResilientDraftProvider resilient(double jitter) {
        return new ResilientDraftProvider(provider, SETTINGS, clock, waits::add, () -> jitter);
    }

    @Test
    void retriesRetryableFailuresWithGrowingJitteredBackoff() {
        provider.thenFail(DraftProviderException.retryable("HTTP 503", null), 2);

        assertEquals("A draft", resilient(0.5).draft(request).content().asText());

        assertEquals(3, provider.calls);
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), waits,
                "half of 200 ms, then half of 400 ms");
    }

    @Test
    void backoffIsCappedAndHonoursRetryAfterUpToTheCap() {
        ResilientDraftProvider resilient = resilient(0.999);
        DraftProviderException plain = DraftProviderException.retryable("HTTP 500", null);

        assertEquals(Duration.ofMillis(199), resilient.backoff(1, plain));
        assertEquals(Duration.ofMillis(4995), resilient.backoff(10, plain), "0.999 of the 5 s cap");
        assertEquals(Duration.ofSeconds(2),
                resilient.backoff(1, DraftProviderException.retryableAfter("HTTP 429", Duration.ofSeconds(2))));
        assertEquals(Duration.ofSeconds(5),
                resilient.backoff(1, DraftProviderException.retryableAfter("HTTP 429", Duration.ofMinutes(1))));
    }

    @Test
    void givesUpAfterTheLastAttemptSayingWhy() {
        provider.thenFail(DraftProviderException.retryable("timed out after 20 s", null), 3);

        DraftProviderException gaveUp = assertThrows(DraftProviderException.class, () -> resilient(0).draft(request));

        assertEquals("gave up after 3 attempts: timed out after 20 s", gaveUp.getMessage());
        assertEquals(3, provider.calls);
        assertEquals(2, waits.size(), "no wait after the last attempt");
    }

    @Test
    void doesNotRetryAPermanentFailure() {
        provider.thenFail(DraftProviderException.permanent("HTTP 401: invalid API key"), 1);

        DraftProviderException failure = assertThrows(DraftProviderException.class, () -> resilient(0).draft(request));

        assertEquals("HTTP 401: invalid API key", failure.getMessage());
        assertEquals(1, provider.calls);
        assertTrue(waits.isEmpty());
    }

    @Test
    void opensTheBreakerAndThenFailsFastUntilTheCoolDownEnds() {
        ResilientDraftProvider resilient = resilient(0);
        provider.thenFail(DraftProviderException.retryable("HTTP 500", null), 5);

        assertThrows(DraftProviderException.class, () -> resilient.draft(request));
        DraftProviderException opened = assertThrows(DraftProviderException.class, () -> resilient.draft(request));

        assertEquals(5, provider.calls, "the fifth failure opened it: the sixth attempt was never made");
        assertTrue(opened.getMessage().startsWith("circuit breaker open for the openai provider after 5 consecutive"
                + " failures"), opened.getMessage());
        assertTrue(opened.getMessage().endsWith("(last failure: HTTP 500)"), opened.getMessage());
        assertFalse(opened.retryable());

        DraftProviderException fast = assertThrows(DraftProviderException.class, () -> resilient.draft(request));
        assertEquals(5, provider.calls, "open: no call reaches the provider");
        assertTrue(fast.getMessage().contains("next trial at 2026-03-01T12:00:30Z"), fast.getMessage());

        clock.advance(SETTINGS.openCoolDown());
        assertEquals("A draft", resilient.draft(request).content().asText(), "the trial succeeds");
        assertEquals(State.CLOSED, resilient.breaker().state());
    }

    @Test
    void aTypeTheProviderCannotDraftNeitherRetriesNorCounts() {
        ResilientDraftProvider resilient = resilient(0);
        provider.thenFail(DraftProviderException.retryable("HTTP 500", null), 2);
        provider.thenFail(new UnsupportedDraftException("cannot see images"), 1);

        assertThrows(UnsupportedDraftException.class, () -> resilient.draft(request));

        assertEquals(2, resilient.breaker().consecutiveFailures(), "the two real failures still count");
        assertEquals(3, provider.calls);
    }
}
