package dev.microjobs.core.domain;

import com.fasterxml.jackson.databind.JsonNode;

/** Jackson trees are mutable, so records copy them on the way in and on the way out. */
final class Json {

    private Json() {
    }

    static JsonNode copyOf(JsonNode node) {
        return node == null ? null : node.deepCopy();
    }
}
