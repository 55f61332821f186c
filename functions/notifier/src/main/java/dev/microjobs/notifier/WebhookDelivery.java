package dev.microjobs.notifier;

import dev.microjobs.aws.http.OutboundHttpClient;
import dev.microjobs.aws.webhooks.StandardWebhookSigner;
import dev.microjobs.core.events.DeliveryAttempt;
import dev.microjobs.core.events.DeliveryBatch;
import dev.microjobs.core.events.DeliveryStatus;
import dev.microjobs.core.events.Event;
import dev.microjobs.core.events.EventStore;
import dev.microjobs.core.events.RetrySchedule;
import dev.microjobs.core.events.StoredEvent;
import dev.microjobs.core.events.WebhookEndpoint;
import dev.microjobs.core.ports.Metrics;
import dev.microjobs.core.validation.FieldError;
import dev.microjobs.core.validation.UrlGuard;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One delivery attempt of one event, per Standard Webhooks: POSTed to the job's callbackUrl, or
 * else the account's webhook URL, with {@code webhook-id} (the event id, the same on every
 * attempt), {@code webhook-timestamp} and {@code webhook-signature} (one {@code v1,} signature per
 * signing secret: two, space-separated, while a rotated secret is still valid).
 *
 * <p>The SSRF guard is applied again right before sending, to every address the host resolves
 * to now: DNS may have changed since the URL was accepted. A refusal is a failed attempt like any
 * other, so it is retried on the normal schedule and then given up, never in a storm. Each
 * attempt is recorded on the event (status code, error, time, next retry).
 */
@Singleton
public class WebhookDelivery {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);

    private final EventStore store;
    private final UrlGuard urlGuard;
    private final OutboundHttpClient http;
    private final RetrySchedule schedule;
    private final Metrics metrics;
    private final Clock clock;

    public WebhookDelivery(EventStore store, UrlGuard urlGuard, OutboundHttpClient http, RetrySchedule schedule,
                           Metrics metrics, Clock clock) {
        this.store = store;
        this.urlGuard = urlGuard;
        this.http = http;
        this.schedule = schedule;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What the queue should do with the event's message. */
    public sealed interface Outcome {
    }

    /** Delivered, or nothing (more) to do: the message is done. */
    public record Done() implements Outcome {
    }

    /** The attempt failed; try again at {@code at}. */
    public record RetryAt(Instant at) implements Outcome {
    }

    /** The last attempt of the schedule failed; the event is FAILED. */
    public record GaveUp() implements Outcome {
    }

    /**
     * @param batch the stored events of the message's batch and where they go, read once for all of
     *              them, with the ones that have nowhere to go already settled together
     */
    public Outcome deliver(String eventId, DeliveryBatch batch) {
        MDC.put("eventId", eventId);
        StoredEvent stored = batch.event(eventId).orElse(null);
        if (stored == null) {
            LOG.warn("event {} is not stored (expired?); nothing to deliver", eventId);
            return new Done();
        }
        Event event = stored.event();
        MDC.put("jobId", event.jobId());
        if (event.taskId() != null) {
            MDC.put("taskId", event.taskId());
        }
        if (stored.status() != DeliveryStatus.PENDING) {
            return new Done();
        }
        WebhookEndpoint endpoint = batch.destinations().endpoint(event.businessId());
        URI url = batch.destinations().url(event);
        if (url == null) {
            if (!batch.isSettledUndeliverable(eventId)) {
                // Its message fails and comes back, to be marked with the batch it arrives in then.
                throw new IllegalStateException("event " + eventId + " has no webhook URL to go to, and its "
                        + "NO_DESTINATION mark was not written");
            }
            LOG.info("event {} has no webhook URL to go to (the feed has it)", eventId);
            return new Done();
        }
        int number = stored.attempts().size() + 1;
        Instant now = clock.instant();
        Result result = send(event, url, endpoint.signingSecrets(now), now);
        if (result.error() == null) {
            store.recordAttempt(eventId, new DeliveryAttempt(number, now, result.statusCode(), null, null),
                    DeliveryStatus.DELIVERED);
            metrics.count("WebhookDeliveries", 1);
            LOG.info("event {} delivered to {} on attempt {}", eventId, url.getHost(), number);
            return new Done();
        }
        metrics.count("WebhookFailures", 1);
        Optional<Instant> next = schedule.nextAttempt(number, event.occurredAt(), now);
        store.recordAttempt(eventId, new DeliveryAttempt(number, now, result.statusCode(), result.error(),
                next.orElse(null)), next.isPresent() ? DeliveryStatus.PENDING : DeliveryStatus.FAILED);
        LOG.warn("event {} attempt {} to {} failed: {}; {}", eventId, number, url.getHost(), result.error(),
                next.map(at -> "next attempt at " + at).orElse("giving up"));
        return next.<Outcome>map(RetryAt::new).orElseGet(GaveUp::new);
    }

    /** @param statusCode null when no answer came; @param error null on success */
    private record Result(Integer statusCode, String error) {
        static Result failed(String error) {
            return new Result(null, error);
        }
    }

    private Result send(Event event, URI url, List<String> secrets, Instant now) {
        if (secrets.isEmpty()) {
            return Result.failed("the account has no signing secret yet: create one with POST /v1/account/webhook-secret");
        }
        Optional<String> refused = refusal(url);
        if (refused.isPresent()) {
            return Result.failed("refused by the SSRF guard: " + refused.get());
        }
        String body = event.payload().toString();
        long timestamp = now.getEpochSecond();
        String signatures = secrets.stream()
                .map(secret -> StandardWebhookSigner.sign(secret, event.id(), timestamp, body))
                .collect(Collectors.joining(" "));
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("content-type", "application/json")
                .header("user-agent", "microjobs-webhooks")
                .header("webhook-id", event.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signatures)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            // The receiver's answer is not read: only its status matters, and its body could be anything.
            int status = http.get().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? new Result(status, null) : new Result(status, "HTTP " + status);
        } catch (IOException e) {
            return Result.failed("could not reach the receiver: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted");
        }
    }

    /** Why the URL may not be called now: the guard's URL checks, then every address its host resolves to now. */
    private Optional<String> refusal(URI url) {
        List<FieldError> problems = urlGuard.check("url", url.toString());
        if (!problems.isEmpty()) {
            return Optional.of("the URL " + problems.get(0).message());
        }
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                Optional<String> reason = urlGuard.refusalReason(address);
                if (reason.isPresent()) {
                    return Optional.of(url.getHost() + " resolves to " + reason.get());
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of(url.getHost() + " does not resolve");
        }
    }
}
