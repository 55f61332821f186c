package dev.microjobs.core.drafts;

import dev.microjobs.core.domain.DraftProviderName;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The providers a deployment has, by name. Building it is the wiring's job (the drafts
 * function does it with Micronaut), so core never needs to know how a provider is configured.
 */
public final class DraftProviders {

    private final Map<DraftProviderName, DraftProvider> byName;

    private DraftProviders(Map<DraftProviderName, DraftProvider> byName) {
        this.byName = byName;
    }

    /**
     * @throws IllegalArgumentException if two providers share a name, or one is named NONE
     */
    public static DraftProviders of(Collection<? extends DraftProvider> providers) {
        Map<DraftProviderName, DraftProvider> byName = new EnumMap<>(DraftProviderName.class);
        for (DraftProvider provider : providers) {
            if (provider.name() == DraftProviderName.NONE) {
                throw new IllegalArgumentException("NONE means no provider; it cannot be one");
            }
            if (byName.putIfAbsent(provider.name(), provider) != null) {
                throw new IllegalArgumentException("two providers are named " + provider.name().wireName());
            }
        }
        return new DraftProviders(byName);
    }

    public Optional<DraftProvider> get(DraftProviderName name) {
        return Optional.ofNullable(byName.get(name));
    }
}
