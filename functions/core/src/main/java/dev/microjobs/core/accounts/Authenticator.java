package dev.microjobs.core.accounts;

import dev.microjobs.core.Remembered;
import dev.microjobs.core.errors.UnauthorizedException;
import dev.microjobs.core.ports.CredentialStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns an {@code Authorization: Bearer ...} header into the id of the business or worker it
 * belongs to. Every failure says the same thing, so a caller learns nothing about which part
 * was wrong; a worker token on the business API (or the reverse) is simply not a valid key there.
 *
 * <p>A function instance remembers the credentials it found for {@link #REMEMBERED_FOR}, as an
 * API Gateway authorizer caches its answers: a busy client costs one credential read a minute
 * per instance instead of one per request. Keys are never deleted today; if they come to be, a
 * deleted key keeps working on a warm instance for at most that long. Unknown keys are not
 * remembered, so forged keys neither fill the memory nor hide a key created a moment later.
 */
@Singleton
public class Authenticator {
    public static final Duration REMEMBERED_FOR = Duration.ofMinutes(1);
    static final int MAX_REMEMBERED = 10_000;
    private static final String BEARER = "bearer ";
    private static final int MAX_TOKEN_LENGTH = 200;

    private final CredentialStore credentials;
    private final Remembered<String, StoredCredential> remembered;

    public Authenticator(CredentialStore credentials, Clock clock) {
        this.credentials = credentials;
        this.remembered = new Remembered<>(REMEMBERED_FOR, MAX_REMEMBERED, clock);
    }

    public String business(Optional<String> authorizationHeader) {
        return authenticate(authorizationHeader, CredentialKind.BUSINESS, SecretToken.BUSINESS_KEY_PREFIX,
                "Send a business API key as 'Authorization: Bearer mjb_...'");
    }

    public String worker(Optional<String> authorizationHeader) {
        return authenticate(authorizationHeader, CredentialKind.WORKER, SecretToken.WORKER_TOKEN_PREFIX,
                "Send a worker token as 'Authorization: Bearer mjw_...'");
    }

    private String authenticate(Optional<String> header, CredentialKind kind, String prefix, String hint) {
        String token = header.map(String::trim)
                .filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(h -> h.substring(BEARER.length()).trim())
                .filter(t -> t.startsWith(prefix) && t.length() <= MAX_TOKEN_LENGTH)
                .orElseThrow(() -> new UnauthorizedException(hint));
        String hash = SecretToken.sha256Hex(token);
        return remembered.get(hash, credentials::findByHash)
                .filter(stored -> stored.kind() == kind && SecretToken.sameHash(stored.sha256Hex(), hash))
                .map(StoredCredential::ownerId)
                .orElseThrow(() -> new UnauthorizedException(hint));
    }
}
