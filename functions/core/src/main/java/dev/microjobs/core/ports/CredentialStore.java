package dev.microjobs.core.ports;

import dev.microjobs.core.accounts.StoredCredential;

import java.util.Optional;

/** Looks up a key or token by its SHA-256 hash. */
public interface CredentialStore {
    Optional<StoredCredential> findByHash(String sha256Hex);
}
