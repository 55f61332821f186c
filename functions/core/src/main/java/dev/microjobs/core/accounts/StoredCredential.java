package dev.microjobs.core.accounts;

/** What is kept of a key or token: its hash, whose it is, and never the secret itself. */
public record StoredCredential(String sha256Hex, CredentialKind kind, String ownerId) {
}
