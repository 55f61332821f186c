package dev.microjobs.core.drafts;

import dev.microjobs.core.domain.DraftProviderName;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a network provider with retries and a circuit breaker.
 *
 * <p>Retryable failures are tried again, up to {@code maxAttempts}, after an exponential
 * backoff with full jitter (a uniformly random wait between zero and
 * {@code min(cap, base x 2^(attempt-1))}), so many tasks failing together do not retry in
 * step; a provider's Retry-After stretches the wait, up to the cap. Every retryable failure
 * counts towards the breaker; a permanent one (a 4xx, a malformed answer) proves the provider
 * is up and closes it. While the breaker is open, calls fail at once.
 */
public final class ResilientDraftProvider implements DraftProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ResilientDraftProvider.class);

    private final DraftProvider delegate;
    private final ResilienceSettings settings;
    private final CircuitBreaker breaker;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    public ResilientDraftProvider(DraftProvider delegate, ResilienceSettings settings, Clock clock) {
        this(delegate, settings, clock, Sleeper.THREAD, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param random uniform in [0, 1), for the jitter
     */
    public ResilientDraftProvider(DraftProvider delegate, ResilienceSettings settings, Clock clock,
            Sleeper sleeper, DoubleSupplier random) {
        this.delegate = Objects.requireNonNull(delegate, "delegate is required");
        this.settings = Objects.requireNonNull(settings, "settings are required");
        this.breaker = new CircuitBreaker(settings.failuresToOpen(), settings.openCoolDown(), clock);
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper is required");
        this.random = Objects.requireNonNull(random, "random is required");
    }

    @Override
    public DraftProviderName name() {
        return delegate.name();
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public DraftResult draft(DraftRequest request) {
        DraftProviderException lastFailure = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (!breaker.tryAcquire()) {
                throw circuitOpen(lastFailure);
            }
            try {
                DraftResult result = delegate.draft(request);
                breaker.onSuccess();
                return result;
            } catch (UnsupportedDraftException e) {
                breaker.onNeutral();
                throw e;
            } catch (DraftProviderException e) {
                if (!e.retryable()) {
                    breaker.onSuccess();
                    throw e;
                }
                breaker.onFailure();
                lastFailure = e;
                LOG.warn("{} draft of task {} failed on attempt {} of {}: {}",
                        name().wireName(), request.taskId(), attempt, settings.maxAttempts(), e.getMessage());
            } catch (RuntimeException e) {
                // A bug in the provider, not an outage: do not hold a half-open trial forever.
                breaker.onNeutral();
                throw e;
            }
            if (attempt < settings.maxAttempts()) {
                backOff(attempt, lastFailure);
            }
        }
        throw DraftProviderException.permanent("gave up after " + settings.maxAttempts() + " attempts: "
                + lastFailure.getMessage(), lastFailure);
    }

    /** The wait before attempt {@code failedAttempt + 1}. */
    Duration backoff(int failedAttempt, DraftProviderException failure) {
        long capMillis = settings.backoffCap().toMillis();
        long exponential = settings.backoffBase().toMillis() << Math.min(failedAttempt - 1, 30);
        long jittered = (long) (random.getAsDouble() * Math.min(capMillis, exponential));
        long asked = failure.retryAfter().map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.min(capMillis, Math.max(jittered, asked)));
    }

    private void backOff(int failedAttempt, DraftProviderException failure) {
        try {
            sleeper.sleep(backoff(failedAttempt, failure));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DraftProviderException.permanent("interrupted while waiting to retry: " + failure.getMessage(), e);
        }
    }

    private DraftProviderException circuitOpen(DraftProviderException lastFailure) {
        String reason = "circuit breaker open for the " + name().wireName() + " provider after "
                + breaker.consecutiveFailures() + " consecutive failures; next trial at " + breaker.retryAt();
        return DraftProviderException.permanent(
                lastFailure == null ? reason : reason + " (last failure: " + lastFailure.getMessage() + ")",
                lastFailure);
    }
}
