package dev.microjobs.core.events;

import dev.microjobs.core.validation.UrlGuard;
import jakarta.inject.Singleton;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** A business sets its account's webhook URL and creates (or rotates) its signing secret. */
@Singleton
public class WebhookAccount {
    /** How long the secret before a rotation keeps signing beside the new one. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    public static final String SECRET_PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookEndpointStore endpoints;
    private final UrlGuard urlGuard;
    private final Clock clock;

    public WebhookAccount(WebhookEndpointStore endpoints, UrlGuard urlGuard, Clock clock) {
        this.endpoints = endpoints;
        this.urlGuard = urlGuard;
        this.clock = clock;
    }

    /** @throws dev.microjobs.core.validation.ValidationException naming {@code url} when the SSRF guard refuses it */
    public URI setUrl(String businessId, String url) {
        URI checked = urlGuard.require("url", url);
        endpoints.setUrl(businessId, checked);
        return checked;
    }

    /** A new secret, shown to the business this once; the previous one signs too for {@link #ROTATION_OVERLAP}. */
    public Rotation rotateSecret(String businessId) {
        String secret = newSecret();
        Instant previousValidUntil = clock.instant().plus(ROTATION_OVERLAP);
        boolean hadSecret = endpoints.endpoint(businessId).secret() != null;
        endpoints.rotateSecret(businessId, secret, previousValidUntil);
        return new Rotation(secret, hadSecret ? previousValidUntil : null);
    }

    public WebhookEndpoint endpoint(String businessId) {
        return endpoints.endpoint(businessId);
    }

    /** @param previousValidUntil until when the replaced secret still signs, or null if there was none */
    public record Rotation(String secret, Instant previousValidUntil) {
    }

    /** {@code whsec_} and 256 random bits in base64, the Standard Webhooks secret format. */
    static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }
}
