package dev.microjobs.core.validation;

import dev.microjobs.core.validation.ReservedRanges.Kind;
import dev.microjobs.core.validation.ReservedRanges.Special;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Server-side request forgery protection for URLs that businesses give the platform to
 * fetch or call (callback URLs, webhook provider URLs, image, audio and document URLs).
 *
 * <p>A URL is accepted only if it is an absolute {@code http}/{@code https} URL without
 * credentials whose host is neither a special address (loopback, private, link-local,
 * carrier-grade NAT, unspecified, multicast, broadcast, reserved; see
 * {@link ReservedRanges}) nor a name for one. Numeric hosts are read the way browsers and
 * curl read them, so {@code http://2130706433/} is recognised as 127.0.0.1, and every
 * IPv4 address must be written in plain dotted decimal.
 *
 * <p>Names go through the {@link HostResolver}: a name any of whose addresses is special
 * is refused. A name that does not resolve is accepted, because intake must not depend
 * on DNS being reachable and a name can start resolving later. That makes this check
 * necessary but not sufficient: DNS answers can change between intake and delivery
 * (DNS rebinding), so whoever connects must check the address it actually connects to,
 * with {@link #refusalReason(InetAddress)}.
 */
public final class UrlGuard {

    public static final int MAX_URL_LENGTH = 2048;

    private static final int MAX_HOST_NAME_LENGTH = 253;
    /** RFC 1123 labels, plus underscores, which some real hosts carry. */
    private static final Pattern HOST_NAME_LABEL = Pattern.compile("[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?");
    /** Special-use names (RFC 6761, 6762, 8375) and cloud-internal zones such as metadata.google.internal. */
    private static final List<String> INTERNAL_DOMAINS = List.of("local", "internal", "localdomain", "home.arpa");

    private final UrlPolicy policy;
    private final HostResolver resolver;

    public UrlGuard(UrlPolicy policy, HostResolver resolver) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * Checks a URL from a business.
     *
     * @param field where the URL came from, used as the {@link FieldError#field()}
     * @param url   the URL as given; {@code null} is reported as missing
     * @return the problems, at most one; empty when the URL is acceptable
     */
    public List<FieldError> check(String field, String url) {
        return problem(url).map(message -> List.of(new FieldError(field, message))).orElse(List.of());
    }

    /**
     * Checks a URL from a business and returns it parsed.
     *
     * @throws ValidationException naming {@code field} if the URL is not acceptable
     */
    public URI require(String field, String url) {
        List<FieldError> problems = check(field, url);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return URI.create(url);
    }

    /**
     * Why the platform must not connect to this address under this guard's policy, for
     * example "a private network address 10.0.0.5"; empty if it may. For re-checking at
     * connection time the address a name actually resolved to.
     */
    public Optional<String> refusalReason(InetAddress address) {
        return refused(address.getAddress()).map(Special::describe);
    }

    private Optional<Special> refused(byte[] address) {
        return ReservedRanges.classify(address)
                .filter(special -> !(policy.allowLoopback() && special.kind() == Kind.LOOPBACK));
    }

    private Optional<String> problem(String url) {
        if (url == null) {
            return Optional.of("is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("must be at most " + MAX_URL_LENGTH + " characters (got " + url.length() + ")");
        }
        if (url.chars().anyMatch(c -> c == ' ' || c == '\\' || Character.isISOControl(c) || Character.isWhitespace(c)
                || Character.isSpaceChar(c))) {
            // Browsers strip tabs and newlines and read '\' as '/', so these let a URL mean
            // different things to this guard and to the client that fetches it.
            return Optional.of("must not contain spaces, control characters or backslashes");
        }
        Optional<String> unsafe = Limits.unsafeCharacterProblem(url);
        if (unsafe.isPresent()) {
            return unsafe;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            return Optional.of("must use http or https, not " + scheme);
        }
        String authority = uri.getRawAuthority();
        if (uri.isOpaque() || authority == null || authority.isEmpty()) {
            return Optional.of("must include a host");
        }
        if (authority.contains("@")) {
            return Optional.of("must not contain credentials (user:password@)");
        }
        return hostProblem(authority);
    }

    /** Checks the host and port of an authority that has no user information. */
    private Optional<String> hostProblem(String authority) {
        String host;
        String port;
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            if (end < 0) {
                return Optional.of("has an invalid IPv6 address");
            }
            host = authority.substring(0, end + 1);
            String afterHost = authority.substring(end + 1);
            if (!afterHost.isEmpty() && !afterHost.startsWith(":")) {
                return Optional.of("has an invalid host");
            }
            port = afterHost.isEmpty() ? null : afterHost.substring(1);
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (port != null && !isValidPort(port)) {
            return Optional.of("has an invalid port '" + port + "'");
        }
        if (host.startsWith("[")) {
            return ipv6HostProblem(host.substring(1, host.length() - 1));
        }
        return hostNameOrIpv4Problem(host);
    }

    private Optional<String> ipv6HostProblem(String literal) {
        if (literal.contains("%")) {
            return Optional.of("must not use an IPv6 zone identifier");
        }
        Optional<byte[]> address = IpLiterals.parseIpv6(literal);
        if (address.isEmpty()) {
            return Optional.of("has an invalid IPv6 address: " + literal);
        }
        return refused(address.get()).map(special -> "points at " + special.describe());
    }

    private Optional<String> hostNameOrIpv4Problem(String rawHost) {
        if (!rawHost.chars().allMatch(c -> c < 0x80)) {
            return Optional.of("must have an ASCII host; write international domain names in their xn-- (punycode) form");
        }
        if (rawHost.contains("%")) {
            return Optional.of("must not percent-encode the host");
        }
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1); // "example.com." is the same host as "example.com"
        }
        if (host.isEmpty()) {
            return Optional.of("must include a host");
        }
        if (IpLiterals.endsInNumber(host)) {
            return ipv4HostProblem(host);
        }
        return hostNameProblem(host);
    }

    private Optional<String> ipv4HostProblem(String host) {
        OptionalLong parsed = IpLiterals.parseIpv4(host);
        if (parsed.isEmpty()) {
            return Optional.of("has a host that is neither a valid IPv4 address nor a domain name: " + host);
        }
        String dotted = IpLiterals.formatIpv4(parsed.getAsLong());
        boolean canonical = dotted.equals(host);
        Optional<Special> special = refused(IpLiterals.ipv4Bytes(parsed.getAsLong()));
        if (special.isPresent()) {
            return Optional.of("points at " + special.get().describe() + (canonical ? "" : ", written as " + host));
        }
        if (!canonical) {
            // HTTP clients disagree on forms such as 010.0.0.1 (8.0.0.1 or 10.0.0.1?), so
            // only one spelling is safe to pass on.
            return Optional.of("must write the IPv4 address " + dotted + " in dotted decimal, not as " + host);
        }
        return Optional.empty();
    }

    private Optional<String> hostNameProblem(String host) {
        if (host.length() > MAX_HOST_NAME_LENGTH
                || !Arrays.stream(host.split("\\.", -1)).allMatch(label -> HOST_NAME_LABEL.matcher(label).matches())) {
            return Optional.of("has an invalid host name: " + host);
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            // RFC 6761: these always mean this machine, whatever DNS says.
            return policy.allowLoopback() ? Optional.empty() : Optional.of("points at this machine (" + host + ")");
        }
        if (INTERNAL_DOMAINS.stream().anyMatch(domain -> host.equals(domain) || host.endsWith("." + domain))) {
            return Optional.of("points at an internal host name (" + host + ")");
        }
        if (!host.contains(".")) {
            // Single-label names are completed by the resolver's search domains into
            // internal hosts ("http://metadata/", "http://instance-data/").
            return Optional.of("must use a fully qualified domain name, not " + host);
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException unresolvable) {
            return Optional.empty();
        }
        return addresses.stream()
                .map(address -> refused(address.getAddress()))
                .flatMap(Optional::stream)
                .findFirst()
                .map(special -> "host " + host + " resolves to " + special.describe());
    }

    private static boolean isValidPort(String port) {
        return port.length() >= 1 && port.length() <= 5
                && port.chars().allMatch(c -> c >= '0' && c <= '9')
                && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
    }
}
