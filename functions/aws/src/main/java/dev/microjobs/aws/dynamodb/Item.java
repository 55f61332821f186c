package dev.microjobs.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds and reads DynamoDB items. Attribute names of the single table: {@code pk}/{@code sk}
 * (item key), {@code gsi1pk}/{@code gsi1sk} and {@code gsi2pk}/{@code gsi2sk} (overloaded
 * secondary indexes) and {@code ttl} (epoch seconds, expiry).
 */
public final class Item {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1PK = "gsi1pk";
    public static final String GSI1SK = "gsi1sk";
    public static final String GSI2PK = "gsi2pk";
    public static final String GSI2SK = "gsi2sk";
    public static final String TTL = "ttl";

    private final Map<String, AttributeValue> attributes;

    private Item(Map<String, AttributeValue> attributes) {
        this.attributes = attributes;
    }

    public static Item withKey(String pk, String sk) {
        Item item = new Item(new HashMap<>());
        return item.put(PK, pk).put(SK, sk);
    }

    public static Item of(Map<String, AttributeValue> attributes) {
        return new Item(attributes);
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public Item put(String name, String value) {
        if (value != null) {
            attributes.put(name, s(value));
        }
        return this;
    }

    public Item put(String name, long value) {
        attributes.put(name, n(value));
        return this;
    }

    public Item put(String name, Instant value) {
        if (value != null) {
            attributes.put(name, s(value.toString()));
        }
        return this;
    }

    public Item putStrings(String name, Collection<String> values) {
        attributes.put(name, AttributeValue.fromL(values.stream().map(Item::s).toList()));
        return this;
    }

    public Map<String, AttributeValue> attributes() {
        return attributes;
    }

    public String string(String name) {
        return optionalString(name).orElseThrow(() -> new IllegalStateException("item has no " + name));
    }

    public Optional<String> optionalString(String name) {
        return Optional.ofNullable(attributes.get(name)).map(AttributeValue::s);
    }

    public long number(String name) {
        AttributeValue value = attributes.get(name);
        if (value == null || value.n() == null) {
            throw new IllegalStateException("item has no number " + name);
        }
        return Long.parseLong(value.n());
    }

    /** A counter that starts absent: DynamoDB's ADD creates it on first use. */
    public long numberOrZero(String name) {
        return attributes.containsKey(name) ? number(name) : 0;
    }

    public Instant instant(String name) {
        return Instant.parse(string(name));
    }

    public Optional<Instant> optionalInstant(String name) {
        return optionalString(name).map(Instant::parse);
    }

    public List<String> strings(String name) {
        AttributeValue value = attributes.get(name);
        return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    public Set<String> stringSet(String name) {
        return Set.copyOf(strings(name));
    }
}
