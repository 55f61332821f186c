package dev.microjobs.core.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Looks up the addresses of a host name; injectable so tests and callers control DNS. */
@FunctionalInterface
public interface HostResolver {

    /**
     * @param host a syntactically valid, lower-case DNS name (never an IP literal)
     * @return the addresses the name resolves to
     * @throws UnknownHostException if the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver ({@link InetAddress#getAllByName}), with its usual caching. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
