package dev.microjobs.notifier;

import dev.microjobs.core.events.RetrySchedule;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.http.HttpClient;
import java.time.Duration;

/** The retry schedule ({@code WEBHOOK_RETRY_BASE_SECONDS}) and the HTTP client that delivers webhooks. */
@Factory
public class NotifierBeans {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    @Singleton
    RetrySchedule retrySchedule(@Value("${microjobs.events.retry-base-seconds}") long baseSeconds) {
        return new RetrySchedule(Duration.ofSeconds(baseSeconds));
    }

    @Singleton
    HttpClient webhookClient() {
        // Never follow a redirect: it could lead to an address the SSRF guard would have refused.
        return HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
