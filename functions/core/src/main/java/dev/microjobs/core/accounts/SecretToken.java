package dev.microjobs.core.accounts;

import dev.microjobs.core.Hashes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API keys and worker tokens: 256 random bits behind a prefix that says what the secret is
 * ({@code mjb_} for a business key, {@code mjw_} for a worker token), so a leaked one is easy
 * to recognise and to scan for. Only the SHA-256 hash is ever stored.
 */
public final class SecretToken {
    public static final String BUSINESS_KEY_PREFIX = "mjb_";
    public static final String WORKER_TOKEN_PREFIX = "mjw_";

    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretToken() {
    }

    public static String newBusinessKey() {
        return newToken(BUSINESS_KEY_PREFIX);
    }

    public static String newWorkerToken() {
        return newToken(WORKER_TOKEN_PREFIX);
    }

    public static String sha256Hex(String secret) {
        return Hashes.sha256Hex(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Compares two hashes without an early exit, so timing says nothing about how much matched. */
    public static boolean sameHash(String expectedHex, String actualHex) {
        return MessageDigest.isEqual(
                expectedHex.getBytes(StandardCharsets.US_ASCII), actualHex.getBytes(StandardCharsets.US_ASCII));
    }

    private static String newToken(String prefix) {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
