package dev.microjobs.core.validation;

import java.util.List;
import java.util.Optional;

/**
 * Addresses a URL from a business must never make the platform connect to: its own
 * machine, private and link-local networks (where cloud metadata services live),
 * carrier-grade NAT, multicast, broadcast and other special-purpose ranges, including
 * IPv4 addresses of those kinds embedded in IPv6 addresses (IPv4-mapped, -compatible,
 * NAT64, 6to4, Teredo), which reach the same IPv4 host.
 */
final class ReservedRanges {

    /** Why an address is special, phrased to follow "points at". */
    enum Kind {
        LOOPBACK("a loopback address"),
        PRIVATE("a private network address"),
        LINK_LOCAL("a link-local address"),
        SHARED("a carrier-grade NAT address"),
        UNSPECIFIED("an unspecified address"),
        MULTICAST("a multicast address"),
        BROADCAST("the broadcast address"),
        RESERVED("a reserved address");

        private final String phrase;

        Kind(String phrase) {
            this.phrase = phrase;
        }
    }

    /**
     * A special address and how to show it in a message.
     *
     * @param shown the address, with the IPv6 address it was embedded in when there was one
     */
    record Special(Kind kind, String shown) {

        /** For example "a private network address 10.0.0.5". */
        String describe() {
            return kind.phrase + " " + shown;
        }
    }

    private record Ipv4Range(long network, int prefixLength, Kind kind) {

        boolean contains(long address) {
            return address >>> (32 - prefixLength) == network >>> (32 - prefixLength);
        }
    }

    private static final long CLOUD_METADATA_ADDRESS = 0xa9fea9feL; // 169.254.169.254

    /** Most specific first: 0.0.0.0 is unspecified, the rest of 0.0.0.0/8 only reserved. */
    private static final List<Ipv4Range> IPV4_RANGES = List.of(
            new Ipv4Range(0x00000000L, 32, Kind.UNSPECIFIED),   // 0.0.0.0
            new Ipv4Range(0xffffffffL, 32, Kind.BROADCAST),     // 255.255.255.255
            new Ipv4Range(0x00000000L, 8, Kind.RESERVED),       // 0.0.0.0/8 "this network"; Linux connects it to localhost
            new Ipv4Range(0x0a000000L, 8, Kind.PRIVATE),        // 10.0.0.0/8
            new Ipv4Range(0x64400000L, 10, Kind.SHARED),        // 100.64.0.0/10
            new Ipv4Range(0x7f000000L, 8, Kind.LOOPBACK),       // 127.0.0.0/8
            new Ipv4Range(0xa9fe0000L, 16, Kind.LINK_LOCAL),    // 169.254.0.0/16
            new Ipv4Range(0xac100000L, 12, Kind.PRIVATE),       // 172.16.0.0/12
            new Ipv4Range(0xc0000000L, 24, Kind.RESERVED),      // 192.0.0.0/24 IETF protocol assignments
            new Ipv4Range(0xc0a80000L, 16, Kind.PRIVATE),       // 192.168.0.0/16
            new Ipv4Range(0xc6120000L, 15, Kind.RESERVED),      // 198.18.0.0/15 benchmarking, also used for internal fake-IP DNS
            new Ipv4Range(0xe0000000L, 4, Kind.MULTICAST),      // 224.0.0.0/4
            new Ipv4Range(0xf0000000L, 4, Kind.RESERVED));      // 240.0.0.0/4

    private ReservedRanges() {
    }

    /** The special kind of a 4- or 16-byte address, or empty for an ordinary public address. */
    static Optional<Special> classify(byte[] address) {
        if (address.length == 4) {
            return classifyIpv4(IpLiterals.ipv4(address, 0));
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("not an IP address: " + address.length + " bytes");
        }
        return classifyIpv6(address);
    }

    private static Optional<Special> classifyIpv4(long address) {
        String shown = IpLiterals.formatIpv4(address)
                + (address == CLOUD_METADATA_ADDRESS ? " (the cloud instance metadata service)" : "");
        return IPV4_RANGES.stream()
                .filter(range -> range.contains(address))
                .findFirst()
                .map(range -> new Special(range.kind(), shown));
    }

    private static Optional<Special> classifyIpv6(byte[] address) {
        String shown = IpLiterals.formatIpv6(address);
        if (isZero(address, 0, 15)) {
            return Optional.of(new Special(address[15] == 0 ? Kind.UNSPECIFIED : address[15] == 1 ? Kind.LOOPBACK : Kind.RESERVED, shown));
        }
        Optional<Long> embedded = embeddedIpv4(address);
        if (embedded.isPresent()) {
            Optional<Special> inner = classifyIpv4(embedded.get());
            if (inner.isPresent()) {
                return Optional.of(new Special(inner.get().kind(), inner.get().shown() + " (embedded in " + shown + ")"));
            }
        }
        int first = address[0] & 0xff;
        int second = address[1] & 0xff;
        if (startsWith(address, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) { // 64:ff9b:1::/48 local-use NAT64
            return Optional.of(new Special(Kind.PRIVATE, shown));
        }
        if (first == 0) {
            // ::/8 is reserved; only IPv4-mapped and well-known NAT64 addresses of public
            // IPv4 hosts (special ones were refused above) are real destinations.
            return isIpv4Mapped(address) || isWellKnownNat64(address)
                    ? Optional.empty()
                    : Optional.of(new Special(Kind.RESERVED, shown));
        }
        if ((first & 0xfe) == 0xfc) {                       // fc00::/7 unique local
            return Optional.of(new Special(Kind.PRIVATE, shown));
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {     // fe80::/10
            return Optional.of(new Special(Kind.LINK_LOCAL, shown));
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {     // fec0::/10 site-local, deprecated but still private
            return Optional.of(new Special(Kind.PRIVATE, shown));
        }
        if (first == 0xff) {                                // ff00::/8
            return Optional.of(new Special(Kind.MULTICAST, shown));
        }
        if (startsWith(address, 0x01, 0x00) && isZero(address, 2, 8)) { // 100::/64 discard-only
            return Optional.of(new Special(Kind.RESERVED, shown));
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address an IPv6 address reaches through a translation or tunnelling
     * scheme: IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d},
     * IPv4-translated {@code ::ffff:0:a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d},
     * 6to4 {@code 2002:aabb:ccdd::} and Teredo {@code 2001:0::} (client address inverted).
     */
    private static Optional<Long> embeddedIpv4(byte[] address) {
        boolean compatible = isZero(address, 0, 12);
        boolean translated = isZero(address, 0, 8) && (address[8] & 0xff) == 0xff && (address[9] & 0xff) == 0xff
                && isZero(address, 10, 12);
        if (isIpv4Mapped(address) || compatible || translated || isWellKnownNat64(address)) {
            return Optional.of(IpLiterals.ipv4(address, 12));
        }
        if (startsWith(address, 0x20, 0x02)) {
            return Optional.of(IpLiterals.ipv4(address, 2));
        }
        if (startsWith(address, 0x20, 0x01, 0x00, 0x00)) {
            return Optional.of(~IpLiterals.ipv4(address, 12) & 0xffffffffL);
        }
        return Optional.empty();
    }

    private static boolean isIpv4Mapped(byte[] address) {
        return isZero(address, 0, 10) && (address[10] & 0xff) == 0xff && (address[11] & 0xff) == 0xff;
    }

    private static boolean isWellKnownNat64(byte[] address) {
        return startsWith(address, 0x00, 0x64, 0xff, 0x9b) && isZero(address, 4, 12);
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
