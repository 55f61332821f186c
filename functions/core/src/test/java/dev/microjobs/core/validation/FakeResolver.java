package dev.microjobs.core.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A DNS of literal entries that remembers what it was asked; every other name is unknown. */
final class FakeResolver implements HostResolver {

    private final Map<String, List<InetAddress>> entries = new HashMap<>();
    final List<String> lookups = new ArrayList<>();

    FakeResolver with(String name, String... literals) {
        List<InetAddress> addresses = Arrays.stream(literals).map(literal -> address(name, literal)).toList();
        entries.put(name, addresses);
        return this;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        lookups.add(host);
        List<InetAddress> addresses = entries.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses;
    }

    /** An address built from its literal, never through DNS. */
    static InetAddress address(String name, String literal) {
        byte[] bytes = literal.contains(":")
                ? IpLiterals.parseIpv6(literal).orElseThrow()
                : IpLiterals.ipv4Bytes(IpLiterals.parseIpv4(literal).orElseThrow());
        try {
            return InetAddress.getByAddress(name, bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
