package dev.microjobs.core.events;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A business's webhook settings: the account's URL (used for jobs without a callbackUrl) and the
 * Standard Webhooks signing secrets. After a rotation the previous secret keeps signing, beside
 * the new one, until {@code previousSecretValidUntil}, so receivers can switch without losing events.
 *
 * @param url null until the business sets one
 * @param secret {@code whsec_<base64>}, or null until the business creates one
 * @param previousSecret the secret before the last rotation, or null
 */
public record WebhookEndpoint(URI url, String secret, String previousSecret, Instant previousSecretValidUntil) {

    public static final WebhookEndpoint NONE = new WebhookEndpoint(null, null, null, null);

    /** The secrets that sign a delivery made at {@code now}: the current one first. */
    public List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>();
        if (secret != null) {
            secrets.add(secret);
        }
        if (previousSecret != null && previousSecretValidUntil != null && now.isBefore(previousSecretValidUntil)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }
}
