package dev.microjobs.aws.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures per the Standard Webhooks specification: {@code v1,} followed by the base64
 * HMAC-SHA256 of {@code id.timestamp.body}, keyed with the secret's base64-decoded bytes
 * (the part after {@code whsec_}).
 */
public final class StandardWebhookSigner {

    private static final String PREFIX = "whsec_";

    private StandardWebhookSigner() {
    }

    /**
     * @throws IllegalArgumentException if the secret is not {@code whsec_} and base64
     */
    public static String sign(String secret, String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
        byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        if (key.length == 0) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        return key;
    }
}
