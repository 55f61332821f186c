package dev.microjobs.drafts.providers;

import dev.microjobs.core.validation.FieldError;
import dev.microjobs.core.validation.UrlGuard;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.List;

/** The SSRF guard that intake applied to the URL, applied again right before the call: DNS may have changed. */
@Singleton
public class UrlGuardDestinationCheck implements DestinationCheck {
    private final UrlGuard urlGuard;

    public UrlGuardDestinationCheck(UrlGuard urlGuard) {
        this.urlGuard = urlGuard;
    }

    @Override
    public void check(URI destination) {
        List<FieldError> problems = urlGuard.check("draft.url", destination.toString());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0).message());
        }
    }
}
