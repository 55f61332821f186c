package dev.microjobs.core.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads and writes IP address literals without touching DNS.
 *
 * <p>IPv4 hosts are read the way browsers (WHATWG URL) and {@code inet_aton} read them,
 * not the way {@link java.net.InetAddress} does: {@code 2130706433}, {@code 0177.0.0.1},
 * {@code 0x7f.1} and {@code 127.1} all mean 127.0.0.1 to curl and to a browser. If the
 * guard read them differently from the HTTP client that later fetches the URL, an
 * attacker could slip a loopback address past it.
 */
final class IpLiterals {

    private static final long IPV4_SPACE = 1L << 32;
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");

    private IpLiterals() {
    }

    /**
     * Whether a host name ends in a number and is therefore an IPv4 address (or invalid)
     * rather than a domain name, per the WHATWG URL standard: {@code example.123} is not a
     * domain name, {@code 123.example} is. Expects a lower-case host without a trailing dot.
     */
    static boolean endsInNumber(String host) {
        return NUMERIC_LABEL.matcher(host.substring(host.lastIndexOf('.') + 1)).matches();
    }

    /**
     * The IPv4 address meant by a numeric host in any of the forms {@code inet_aton}
     * accepts: one to four dot-separated parts, each decimal, octal (leading {@code 0}) or
     * hexadecimal ({@code 0x}), the last part filling the remaining bytes. Empty for
     * anything else. Expects a lower-case host without a trailing dot.
     */
    static OptionalLong parseIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return OptionalLong.empty();
        }
        long address = 0;
        for (int i = 0; i < parts.length; i++) {
            OptionalLong part = parsePart(parts[i]);
            boolean last = i == parts.length - 1;
            long limit = last ? 1L << (8 * (4 - i)) : 256;
            if (part.isEmpty() || part.getAsLong() >= limit) {
                return OptionalLong.empty();
            }
            address = last ? address << (8 * (4 - i)) | part.getAsLong() : address << 8 | part.getAsLong();
        }
        return OptionalLong.of(address);
    }

    /** One part of a numeric IPv4 host, or empty if it is not a number below 2^32. */
    private static OptionalLong parsePart(String part) {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x")) {
            radix = 16;
            digits = part.substring(2);
            if (digits.isEmpty()) {
                return OptionalLong.of(0); // "0x" alone is zero to WHATWG URL parsers
            }
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = Character.digit(digits.charAt(i), radix);
            if (digit < 0 || !isAsciiAlphanumeric(digits.charAt(i))) {
                return OptionalLong.empty();
            }
            value = value * radix + digit;
            if (value >= IPV4_SPACE) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(value);
    }

    static String formatIpv4(long address) {
        return (address >>> 24 & 0xff) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }

    static long ipv4(byte[] bytes, int offset) {
        return (bytes[offset] & 0xffL) << 24 | (bytes[offset + 1] & 0xffL) << 16
                | (bytes[offset + 2] & 0xffL) << 8 | bytes[offset + 3] & 0xffL;
    }

    static byte[] ipv4Bytes(long address) {
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    /**
     * The 16 bytes of an IPv6 literal (without brackets) in RFC 4291 text form: eight
     * groups of up to four hex digits, at most one {@code ::}, and optionally a dotted
     * decimal IPv4 address in place of the last two groups. Zone identifiers
     * ({@code %eth0}) are not accepted. Empty for anything else.
     */
    static Optional<byte[]> parseIpv6(String literal) {
        int gap = literal.indexOf("::");
        if (gap >= 0 && literal.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        Optional<List<Integer>> head = parseGroups(gap >= 0 ? literal.substring(0, gap) : literal, gap < 0);
        Optional<List<Integer>> tail = gap >= 0 ? parseGroups(literal.substring(gap + 2), true) : Optional.of(List.of());
        if (head.isEmpty() || tail.isEmpty()) {
            return Optional.empty();
        }
        int present = head.get().size() + tail.get().size();
        if (gap < 0 ? present != 8 : present > 7) {
            return Optional.empty();
        }
        byte[] address = new byte[16];
        putGroups(address, 0, head.get());
        putGroups(address, 8 - tail.get().size(), tail.get());
        return Optional.of(address);
    }

    /** Colon-separated 16-bit groups; an empty string is no groups, an empty group is invalid. */
    private static Optional<List<Integer>> parseGroups(String text, boolean mayEndInIpv4) {
        List<Integer> groups = new ArrayList<>();
        if (text.isEmpty()) {
            return Optional.of(groups);
        }
        String[] pieces = text.split(":", -1);
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (i == pieces.length - 1 && mayEndInIpv4 && piece.contains(".")) {
                OptionalLong ipv4 = parseDottedQuad(piece);
                if (ipv4.isEmpty()) {
                    return Optional.empty();
                }
                groups.add((int) (ipv4.getAsLong() >>> 16));
                groups.add((int) (ipv4.getAsLong() & 0xffff));
            } else if (piece.length() >= 1 && piece.length() <= 4 && piece.chars().allMatch(IpLiterals::isHexDigit)) {
                groups.add(Integer.parseInt(piece, 16));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(groups);
    }

    /** Strict a.b.c.d with decimal parts and no leading zeros, as RFC 4291 requires inside IPv6. */
    private static OptionalLong parseDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return OptionalLong.empty();
        }
        long address = 0;
        for (String part : parts) {
            boolean wellFormed = part.length() >= 1 && part.length() <= 3
                    && part.chars().allMatch(IpLiterals::isDecimalDigit)
                    && (part.length() == 1 || part.charAt(0) != '0');
            if (!wellFormed || Integer.parseInt(part) > 255) {
                return OptionalLong.empty();
            }
            address = address << 8 | Integer.parseInt(part);
        }
        return OptionalLong.of(address);
    }

    private static void putGroups(byte[] address, int firstGroup, List<Integer> groups) {
        for (int i = 0; i < groups.size(); i++) {
            address[2 * (firstGroup + i)] = (byte) (groups.get(i) >>> 8);
            address[2 * (firstGroup + i) + 1] = (byte) (int) groups.get(i);
        }
    }

    /** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as {@code ::}. */
    static String formatIpv6(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | address[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < 8; start++) {
            int length = 0;
            while (start + length < 8 && groups[start + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static boolean isDecimalDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(int c) {
        return isDecimalDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** Character.digit also accepts non-ASCII digits such as Arabic-Indic ones; URL parsers do not. */
    private static boolean isAsciiAlphanumeric(char c) {
        return isDecimalDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
