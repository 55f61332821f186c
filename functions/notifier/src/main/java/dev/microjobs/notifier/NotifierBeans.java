package dev.microjobs.notifier;

import dev.microjobs.aws.http.OutboundHttpClient;
import dev.microjobs.core.events.RetrySchedule;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/** The retry schedule ({@code WEBHOOK_RETRY_BASE_SECONDS}) and the HTTP client that delivers webhooks. */
@Factory
public class NotifierBeans {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    @Singleton
    RetrySchedule retrySchedule(@Value("${microjobs.events.retry-base-seconds}") long baseSeconds) {
        return new RetrySchedule(Duration.ofSeconds(baseSeconds));
    }

    /** Built when an event first has a webhook URL to go to; it never follows a redirect past the SSRF guard. */
    @Singleton
    OutboundHttpClient webhookClient() {
        return new OutboundHttpClient(CONNECT_TIMEOUT);
    }
}
