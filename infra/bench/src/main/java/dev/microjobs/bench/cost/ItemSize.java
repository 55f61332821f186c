package dev.microjobs.bench.cost;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The size DynamoDB bills an item by, from the item in DynamoDB's JSON ({@code {"name": {"S": "..."}}}):
 * each attribute's name in UTF-8 plus its value (strings in UTF-8, binaries as bytes, numbers about
 * one byte per two significant digits plus one, booleans and nulls one byte, sets the sum of
 * their members, lists and maps three bytes plus their elements and a byte for each).
 */
final class ItemSize {

    private ItemSize() {
    }

    static long bytes(JsonNode item) {
        long size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> attributes = item.fields(); attributes.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = attributes.next();
            size += utf8(attribute.getKey()) + value(attribute.getValue());
        }
        return size;
    }

    /** Billing units of {@code bytes}: one per started KB, at least one. */
    static int kilobyteUnits(long bytes) {
        return (int) Math.max(1, (bytes + 1023) / 1024);
    }

    static long value(JsonNode value) {
        Map.Entry<String, JsonNode> typed = value.fields().next();
        JsonNode content = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> utf8(content.asText());
            case "N" -> number(content.asText());
            case "B" -> Base64.getDecoder().decode(content.asText()).length;
            case "BOOL", "NULL" -> 1;
            case "SS" -> sum(content, element -> utf8(element.asText()));
            case "NS" -> sum(content, element -> number(element.asText()));
            case "BS" -> sum(content, element -> Base64.getDecoder().decode(element.asText()).length);
            case "L" -> 3 + sum(content, element -> value(element) + 1);
            case "M" -> {
                long size = 3;
                for (Iterator<Map.Entry<String, JsonNode>> entries = content.fields(); entries.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    size += utf8(entry.getKey()) + value(entry.getValue()) + 1;
                }
                yield size;
            }
            default -> throw new IllegalArgumentException("not a DynamoDB attribute value: " + value);
        };
    }

    private static long number(String number) {
        String digits = number.replaceAll("[^0-9]", "").replaceFirst("^0+", "").replaceFirst("0+$", "");
        return (Math.max(1, digits.length()) + 1) / 2 + 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long sum(JsonNode elements, ToLongFunction<JsonNode> size) {
        long total = 0;
        for (JsonNode element : elements) {
            total += size.applyAsLong(element);
        }
        return total;
    }
}
