package dev.microjobs.local.template;

import java.util.List;

/**
 * A global or local secondary index: its key schema and projection
 * ({@code projectionType} is {@code ALL}, {@code KEYS_ONLY} or {@code INCLUDE} with {@code nonKeyAttributes}).
 */
public record IndexDef(String indexName, List<KeyElement> keySchema, String projectionType, List<String> nonKeyAttributes) {
    public IndexDef {
        keySchema = List.copyOf(keySchema);
        nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }
}
