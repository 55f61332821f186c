package dev.microjobs.drafts.providers;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The JDK HTTP client the HTTP providers share, built when a draft first needs it: building one
 * sets up TLS (some 350 classes and 80 ms of CPU), which a cold start that drafts with the
 * offline provider, or with Bedrock, never needs. It never follows redirects, so a webhook's
 * redirect cannot lead past the SSRF check to an address the check refused.
 */
public final class ProviderHttpClient implements Supplier<HttpClient> {

    private final Duration connectTimeout;
    private HttpClient client;

    public ProviderHttpClient(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public synchronized HttpClient get() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return client;
    }
}
