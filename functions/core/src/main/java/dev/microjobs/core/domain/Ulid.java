package dev.microjobs.core.domain;

/**
 * The 26-character suffix of an id, in the ULID layout: a 48-bit millisecond timestamp
 * (10 characters) then 80 random bits (16 characters), in Crockford base32. The
 * alphabet is in ASCII order, so comparing two suffixes as strings compares their
 * timestamps first.
 *
 * <p>Only the canonical upper-case spelling is accepted: ids are storage keys, and
 * a second spelling of the same id would silently miss the item.
 */
final class Ulid {

    static final int LENGTH = 26;
    static final long MAX_MILLIS = (1L << 48) - 1;
    static final long RANDOM_HALF_MASK = (1L << 40) - 1;

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int TIMESTAMP_CHARS = 10;
    private static final int HALF_CHARS = 8;
    /** 10 characters hold 50 bits and the timestamp only 48, so the first is at most '7'. */
    private static final char MAX_FIRST_CHAR = '7';

    private Ulid() {
    }

    /** Encodes a timestamp and the random part, given as two 40-bit halves. */
    static String encode(long millis, long randomHigh, long randomLow) {
        char[] out = new char[LENGTH];
        writeBase32(out, 0, TIMESTAMP_CHARS, millis);
        writeBase32(out, TIMESTAMP_CHARS, HALF_CHARS, randomHigh);
        writeBase32(out, TIMESTAMP_CHARS + HALF_CHARS, HALF_CHARS, randomLow);
        return new String(out);
    }

    static boolean isCanonical(String suffix) {
        if (suffix.length() != LENGTH || suffix.charAt(0) > MAX_FIRST_CHAR) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (valueOf(suffix.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    static long millisOf(String canonicalSuffix) {
        long millis = 0;
        for (int i = 0; i < TIMESTAMP_CHARS; i++) {
            millis = (millis << 5) | valueOf(canonicalSuffix.charAt(i));
        }
        return millis;
    }

    private static void writeBase32(char[] out, int offset, int chars, long value) {
        for (int i = chars - 1; i >= 0; i--) {
            out[offset + i] = ALPHABET[(int) (value & 31)];
            value >>>= 5;
        }
    }

    private static int valueOf(char c) {
        for (int v = 0; v < ALPHABET.length; v++) {
            if (ALPHABET[v] == c) {
                return v;
            }
        }
        return -1;
    }
}
