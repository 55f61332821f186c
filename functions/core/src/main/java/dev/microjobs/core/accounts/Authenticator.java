package dev.microjobs.core.accounts;

import dev.microjobs.core.errors.UnauthorizedException;
import dev.microjobs.core.ports.CredentialStore;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Turns an {@code Authorization: Bearer ...} header into the id of the business or worker it
 * belongs to. Every failure says the same thing, so a caller learns nothing about which part
 * was wrong; a worker token on the business API (or the reverse) is simply not a valid key there.
 */
@Singleton
public class Authenticator {
    private static final String BEARER = "bearer ";
    private static final int MAX_TOKEN_LENGTH = 200;

    private final CredentialStore credentials;

    public Authenticator(CredentialStore credentials) {
        this.credentials = credentials;
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
        return credentials.findByHash(hash)
                .filter(stored -> stored.kind() == kind && SecretToken.sameHash(stored.sha256Hex(), hash))
                .map(StoredCredential::ownerId)
                .orElseThrow(() -> new UnauthorizedException(hint));
    }
}
