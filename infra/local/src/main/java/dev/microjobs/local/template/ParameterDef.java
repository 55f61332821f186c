package dev.microjobs.local.template;

import java.util.List;
import java.util.Optional;

/** A template parameter: its type, its {@code Default} if any, and its {@code AllowedValues} (empty: anything). */
public record ParameterDef(String name, String type, Optional<String> defaultValue, List<String> allowedValues) {
    public ParameterDef {
        allowedValues = List.copyOf(allowedValues);
    }
}
