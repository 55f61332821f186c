package dev.microjobs.aws.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A text file shipped inside the function jar and served as is. Read once, when the route
 * table is built, so a missing asset fails the cold start rather than a request.
 */
public final class StaticAsset {
    /** No inline script, no third-party origin: task data is rendered as text, and this backs that up. */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
                    + "media-src 'self' https:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                    + "frame-ancestors 'none'; form-action 'self'";

    private final String contentType;
    private final String content;

    private StaticAsset(String contentType, String content) {
        this.contentType = contentType;
        this.content = content;
    }

    public static StaticAsset load(String classpathResource, String contentType) {
        try (InputStream in = StaticAsset.class.getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalStateException("missing asset " + classpathResource);
            }
            return new StaticAsset(contentType, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse response() {
        return HttpResponse.of(200, contentType, content)
                .withHeader("cache-control", "public, max-age=300")
                .withHeader("content-security-policy", CONTENT_SECURITY_POLICY)
                .withHeader("x-content-type-options", "nosniff")
                .withHeader("referrer-policy", "no-referrer");
    }
}
