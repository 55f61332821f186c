package dev.microjobs.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A parsed id such as {@code job_01JD3Z7Q8W6M2XK4N5P9R0STVB}: a type prefix, an
 * underscore and a 26-character time-ordered suffix (see {@link IdGenerator}).
 *
 * <p>Ids travel and are stored as plain strings, which is what domain records hold;
 * this type is how a string from outside is checked against the kind of id expected
 * and how its creation time is read back.
 */
public record Id(IdType type, String suffix) {

    private static final char SEPARATOR = '_';
    private static final int MAX_ECHOED_CHARS = 40;

    public Id {
        Objects.requireNonNull(type, "id type is required");
        Objects.requireNonNull(suffix, "id suffix is required");
        if (!Ulid.isCanonical(suffix)) {
            throw new InvalidIdException(type, "malformed " + type.prefix() + " id suffix: " + echo(suffix));
        }
    }

    /**
     * Parses an id that must be of the {@code expected} type.
     *
     * @throws InvalidIdException if it is null, of another type, or malformed
     */
    public static Id parse(IdType expected, String raw) {
        Objects.requireNonNull(expected, "expected id type is required");
        if (raw == null || raw.isEmpty()) {
            throw new InvalidIdException(expected, expected.prefix() + " id is missing");
        }
        int separator = raw.indexOf(SEPARATOR);
        String prefix = separator < 0 ? "" : raw.substring(0, separator);
        if (!prefix.equals(expected.prefix())) {
            throw new InvalidIdException(expected,
                    "expected an id starting with '" + expected.prefix() + SEPARATOR + "', got " + echo(raw));
        }
        String suffix = raw.substring(separator + 1);
        if (!Ulid.isCanonical(suffix)) {
            throw new InvalidIdException(expected, "malformed " + expected.prefix() + " id " + echo(raw) + ": expected '"
                    + expected.prefix() + "_' then 26 characters of upper-case Crockford base32");
        }
        return new Id(expected, suffix);
    }

    /**
     * Returns {@code raw} unchanged if it is a well-formed id of the expected type, so a
     * record or handler can check a string it keeps as a string.
     *
     * @throws InvalidIdException otherwise
     */
    public static String requireValid(IdType expected, String raw) {
        parse(expected, raw);
        return raw;
    }

    /** When the id was generated, to the millisecond. */
    public Instant timestamp() {
        return Instant.ofEpochMilli(Ulid.millisOf(suffix));
    }

    /** The wire form, {@code <prefix>_<suffix>}. */
    @Override
    public String toString() {
        return type.prefix() + SEPARATOR + suffix;
    }

    /** Quotes client input in a message without letting it flood or forge log lines. */
    private static String echo(String raw) {
        String shown = raw.length() > MAX_ECHOED_CHARS ? raw.substring(0, MAX_ECHOED_CHARS) + "..." : raw;
        return "'" + shown.replaceAll("[^\\x20-\\x7E]", "?") + "'";
    }
}
