package dev.microjobs.local.template;

/** One attribute of a key schema; {@code keyType} is {@code HASH} or {@code RANGE}. */
public record KeyElement(String attributeName, String keyType) {
}
