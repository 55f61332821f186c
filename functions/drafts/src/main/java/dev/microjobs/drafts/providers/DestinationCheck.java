package dev.microjobs.drafts.providers;

import java.net.URI;

/**
 * Decides whether the platform may send a request to a business-supplied URL (no private,
 * loopback or metadata addresses: SSRF). The wiring implements it with core's UrlGuard.
 */
@FunctionalInterface
public interface DestinationCheck {

    /**
     * @throws IllegalArgumentException saying why, when {@code destination} is not allowed
     */
    void check(URI destination);
}
