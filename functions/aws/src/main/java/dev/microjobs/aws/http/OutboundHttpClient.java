package dev.microjobs.aws.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The JDK HTTP client for calls to outside services (AI providers, business webhooks), built on
 * first need: building one sets up TLS (some 350 classes and 80 ms of CPU), which a cold start
 * that never calls out (offline or Bedrock drafts, events with no webhook URL) should not pay.
 * It never follows redirects, so a redirect cannot lead past the SSRF check to an address the
 * check refused.
 */
public final class OutboundHttpClient implements Supplier<HttpClient> {

    private final Duration connectTimeout;
    private HttpClient client;

    public OutboundHttpClient(Duration connectTimeout) {
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
