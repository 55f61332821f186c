package dev.microjobs.core.accounts;

/** Who a secret belongs to: a business (API key) or a worker (token). */
public enum CredentialKind {
    BUSINESS,
    WORKER
}
