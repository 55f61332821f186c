package dev.microjobs.core.validation;

/**
 * What the {@link UrlGuard} lets through.
 *
 * @param allowLoopback accept loopback addresses and {@code localhost} names: for the
 *                      local stack and tests, where provider stubs and webhook receivers
 *                      listen on this machine. Private, link-local and the other special
 *                      ranges stay refused either way.
 */
public record UrlPolicy(boolean allowLoopback) {

    /** For deployments: only public hosts. */
    public static final UrlPolicy PUBLIC_ONLY = new UrlPolicy(false);

    /** For the local stack and tests: public hosts and this machine. */
    public static final UrlPolicy ALLOW_LOOPBACK = new UrlPolicy(true);
}
