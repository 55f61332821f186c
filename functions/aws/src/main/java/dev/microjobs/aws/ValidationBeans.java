package dev.microjobs.aws;

import dev.microjobs.core.validation.HostResolver;
import dev.microjobs.core.validation.JobInputValidator;
import dev.microjobs.core.validation.UrlGuard;
import dev.microjobs.core.validation.UrlPolicy;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * The SSRF guard for every URL a business gives us. Loopback is refused unless the operator
 * allows it ({@code ALLOW_LOOPBACK_URLS}, on in the local stack so a developer can receive
 * webhooks on their own machine); private and link-local addresses are always refused.
 */
@Factory
public class ValidationBeans {

    @Singleton
    UrlGuard urlGuard(@Value("${microjobs.urls.allow-loopback}") boolean allowLoopback) {
        return new UrlGuard(allowLoopback ? UrlPolicy.ALLOW_LOOPBACK : UrlPolicy.PUBLIC_ONLY, HostResolver.system());
    }

    @Singleton
    JobInputValidator jobInputValidator(UrlGuard urlGuard) {
        return new JobInputValidator(urlGuard);
    }
}
