package dev.microjobs.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlGuardTest {

    private final FakeResolver dns = new FakeResolver()
            .with("api.example.com", "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946")
            .with("cdn.example.net", "8.8.8.8")
            .with("evil.example", "10.0.0.1")
            .with("half-evil.example", "93.184.216.34", "127.0.0.1")
            .with("rebind.example", "169.254.169.254")
            .with("v6-evil.example", "::ffff:192.168.0.1")
            .with("loopback.example", "127.0.0.1");

    private final UrlGuard guard = new UrlGuard(UrlPolicy.PUBLIC_ONLY, dns);
    private final UrlGuard localGuard = new UrlGuard(UrlPolicy.ALLOW_LOOPBACK, dns);

    private static String problem(UrlGuard guard, String url) {
        List<FieldError> problems = guard.check("callbackUrl", url);
        assertTrue(problems.size() <= 1, problems.toString());
        return problems.isEmpty() ? "ok" : problems.get(0).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://api.example.com/hooks/microjobs",
            "http://api.example.com",
            "HTTPS://API.EXAMPLE.COM/Path?q=1#frag",
            "https://api.example.com:8443/x",
            "https://api.example.com./x",
            "https://cdn.example.net/images/cat%20photo.jpg?size=large&v=2",
            "https://cdn.example.net/caf\u00e9.png",
            "https://unresolvable.example.org/hook",
            "https://xn--bcher-kva.example/",
            "https://under_score.example.com/",
            "http://8.8.8.8/",
            "http://93.184.216.34:8080/path",
            "http://[2606:4700:4700::1111]/",
            "http://[::ffff:8.8.8.8]/",
            "http://[64:ff9b::8.8.8.8]/",
    })
    void acceptsPublicUrls(String url) {
        assertEquals("ok", problem(guard, url));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // loopback in every spelling
            "http://127.0.0.1/                      | callbackUrl: points at a loopback address 127.0.0.1",
            "http://127.0.0.1:8080/admin            | callbackUrl: points at a loopback address 127.0.0.1",
            "http://2130706433/                     | callbackUrl: points at a loopback address 127.0.0.1, written as 2130706433",
            "http://0177.0.0.1/                     | callbackUrl: points at a loopback address 127.0.0.1, written as 0177.0.0.1",
            "http://0x7f.1/                         | callbackUrl: points at a loopback address 127.0.0.1, written as 0x7f.1",
            "http://0X7F000001/                     | callbackUrl: points at a loopback address 127.0.0.1, written as 0x7f000001",
            "http://127.1/                          | callbackUrl: points at a loopback address 127.0.0.1, written as 127.1",
            "http://127.0.0.1./                     | callbackUrl: points at a loopback address 127.0.0.1",
            "http://[::1]/                          | callbackUrl: points at a loopback address ::1",
            "http://[0:0:0:0:0:0:0:1]:80/           | callbackUrl: points at a loopback address ::1",
            "http://[::ffff:127.0.0.1]/             | callbackUrl: points at a loopback address 127.0.0.1 (embedded in ::ffff:7f00:1)",
            "http://[::ffff:7f00:1]/                | callbackUrl: points at a loopback address 127.0.0.1 (embedded in ::ffff:7f00:1)",
            "http://[::127.0.0.1]/                  | callbackUrl: points at a loopback address 127.0.0.1 (embedded in ::7f00:1)",
            "http://[64:ff9b::127.0.0.1]/           | callbackUrl: points at a loopback address 127.0.0.1 (embedded in 64:ff9b::7f00:1)",
            "http://[2002:7f00:1::]/                | callbackUrl: points at a loopback address 127.0.0.1 (embedded in 2002:7f00:1::)",
            "http://localhost/                      | callbackUrl: points at this machine (localhost)",
            "http://LOCALHOST:8080/                 | callbackUrl: points at this machine (localhost)",
            "http://localhost./                     | callbackUrl: points at this machine (localhost)",
            "http://app.localhost/                  | callbackUrl: points at this machine (app.localhost)",
            "http://loopback.example/               | callbackUrl: host loopback.example resolves to a loopback address 127.0.0.1",
            // private, link-local, metadata, CGNAT, unspecified, multicast, broadcast
            "http://10.0.0.5/                       | callbackUrl: points at a private network address 10.0.0.5",
            "http://172.16.3.4/                     | callbackUrl: points at a private network address 172.16.3.4",
            "http://192.168.1.1/                    | callbackUrl: points at a private network address 192.168.1.1",
            "http://3232235777/                     | callbackUrl: points at a private network address 192.168.1.1, written as 3232235777",
            "http://012.0.0.1/                      | callbackUrl: points at a private network address 10.0.0.1, written as 012.0.0.1",
            "http://[fd00::1]/                      | callbackUrl: points at a private network address fd00::1",
            "http://[fc00::]/                       | callbackUrl: points at a private network address fc00::",
            "http://169.254.169.254/latest/meta-data/ | callbackUrl: points at a link-local address 169.254.169.254 (the cloud instance metadata service)",
            "http://169.254.43518/                  | callbackUrl: points at a link-local address 169.254.169.254 (the cloud instance metadata service), written as 169.254.43518",
            "http://[fe80::1]/                      | callbackUrl: points at a link-local address fe80::1",
            "http://[fe80::1%25eth0]/               | callbackUrl: must not use an IPv6 zone identifier",
            "http://[::ffff:169.254.169.254]/       | callbackUrl: points at a link-local address 169.254.169.254 (the cloud instance metadata service) (embedded in ::ffff:a9fe:a9fe)",
            "http://100.64.0.1/                     | callbackUrl: points at a carrier-grade NAT address 100.64.0.1",
            "http://0.0.0.0/                        | callbackUrl: points at an unspecified address 0.0.0.0",
            "http://0/                              | callbackUrl: points at an unspecified address 0.0.0.0, written as 0",
            "http://[::]/                           | callbackUrl: points at an unspecified address ::",
            "http://224.0.0.1/                      | callbackUrl: points at a multicast address 224.0.0.1",
            "http://[ff02::1]/                      | callbackUrl: points at a multicast address ff02::1",
            "http://255.255.255.255/                | callbackUrl: points at the broadcast address 255.255.255.255",
            // names
            "http://metadata.google.internal/computeMetadata/v1/ | callbackUrl: points at an internal host name (metadata.google.internal)",
            "http://db.internal/                    | callbackUrl: points at an internal host name (db.internal)",
            "http://printer.local/                  | callbackUrl: points at an internal host name (printer.local)",
            "http://router.home.arpa/               | callbackUrl: points at an internal host name (router.home.arpa)",
            "http://metadata/                       | callbackUrl: must use a fully qualified domain name, not metadata",
            "http://evil.example/                   | callbackUrl: host evil.example resolves to a private network address 10.0.0.1",
            "http://EVIL.example./x                 | callbackUrl: host evil.example resolves to a private network address 10.0.0.1",
            "http://half-evil.example/              | callbackUrl: host half-evil.example resolves to a loopback address 127.0.0.1",
            "http://rebind.example/                 | callbackUrl: host rebind.example resolves to a link-local address 169.254.169.254 (the cloud instance metadata service)",
            "http://v6-evil.example/                | callbackUrl: host v6-evil.example resolves to a private network address 192.168.0.1",
            // non-standard spellings of public addresses
            "http://134744072/                      | callbackUrl: must write the IPv4 address 8.8.8.8 in dotted decimal, not as 134744072",
            "http://010.8.8.8/                      | callbackUrl: must write the IPv4 address 8.8.8.8 in dotted decimal, not as 010.8.8.8",
            // malformed hosts
            "http://1.2.3.4.5/                      | callbackUrl: has a host that is neither a valid IPv4 address nor a domain name: 1.2.3.4.5",
            "http://example.123/                    | callbackUrl: has a host that is neither a valid IPv4 address nor a domain name: example.123",
            "http://256.0.0.1/                      | callbackUrl: has a host that is neither a valid IPv4 address nor a domain name: 256.0.0.1",
            "http://a..b.com/                       | callbackUrl: has an invalid host name: a..b.com",
            "http://a.b.com../                      | callbackUrl: has an invalid host name: a.b.com.",
            "http://-a.example.com/                 | callbackUrl: has an invalid host name: -a.example.com",
            "http://a!b.example.com/                | callbackUrl: has an invalid host name: a!b.example.com",
            "http://%31%32%37.0.0.1/                | callbackUrl: must not percent-encode the host",
            "http://b\u00fccher.example/            | callbackUrl: must have an ASCII host; write international domain names in their xn-- (punycode) form",
            "http://127\u30020\u30020\u30021/       | callbackUrl: must have an ASCII host; write international domain names in their xn-- (punycode) form",
            "http://[::1/                           | callbackUrl: is not a valid URL",
            "http://[1::2::3]/                      | callbackUrl: is not a valid URL",
            "http://[::1]x/                         | callbackUrl: is not a valid URL",
            "http://example.com:0/                  | callbackUrl: has an invalid port '0'",
            "http://example.com:65536/              | callbackUrl: has an invalid port '65536'",
            "http://example.com:/                   | callbackUrl: has an invalid port ''",
            "http://127.0.0.1:80:80/                | callbackUrl: has an invalid host name: 127.0.0.1:80",
            // scheme, credentials, shape
            "ftp://api.example.com/file             | callbackUrl: must use http or https, not ftp",
            "file:///etc/passwd                     | callbackUrl: must use http or https, not file",
            "gopher://127.0.0.1:25/                 | callbackUrl: must use http or https, not gopher",
            "javascript:alert(1)                    | callbackUrl: must use http or https, not javascript",
            "//api.example.com/hook                 | callbackUrl: must be an absolute http or https URL",
            "/hooks                                 | callbackUrl: must be an absolute http or https URL",
            "api.example.com                        | callbackUrl: must be an absolute http or https URL",
            "http:api.example.com                   | callbackUrl: must include a host",
            "http:///path                           | callbackUrl: must include a host",
            "https://user:pass@api.example.com/     | callbackUrl: must not contain credentials (user:password@)",
            "https://api.example.com@127.0.0.1/     | callbackUrl: must not contain credentials (user:password@)",
            "https://@api.example.com/              | callbackUrl: must not contain credentials (user:password@)",
            "''                                     | callbackUrl: must be an absolute http or https URL",
    })
    void refusesHostileUrls(String url, String expected) {
        assertEquals(expected, problem(guard, url));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://api.example.com\\@127.0.0.1/",
            "http://api.example.com /",
            "http://127.0.0.1\t.api.example.com/",
            "http://api.example.com/\npath",
            "http://api.example.com/\u0000",
            "http://api.example.com/\u0085",
            "http://api.example.com/\u00a0",
            "http://api.example.com/\u3000",
            " https://api.example.com/",
    })
    void refusesWhitespaceControlCharactersAndBackslashes(String url) {
        assertEquals("callbackUrl: must not contain spaces, control characters or backslashes", problem(guard, url));
    }

    @Test
    void refusesUnpairedSurrogates() {
        assertEquals("callbackUrl: must not contain unpaired UTF-16 surrogates (found one at index 24)",
                problem(guard, "https://api.example.com/\ud800"));
    }

    @Test
    void refusesMissingAndOverlongUrls() {
        assertEquals("callbackUrl: is required", problem(guard, null));
        String longest = "https://api.example.com/" + "a".repeat(UrlGuard.MAX_URL_LENGTH - 24);
        assertEquals("ok", problem(guard, longest));
        assertEquals("callbackUrl: must be at most 2048 characters (got 2049)", problem(guard, longest + "a"));
    }

    @Test
    void literalsAndRefusedNamesNeverReachDns() {
        for (String url : List.of("http://127.0.0.1/", "http://2130706433/", "http://[::1]/", "http://8.8.8.8/",
                "http://localhost/", "http://metadata.google.internal/", "http://metadata/")) {
            guard.check("callbackUrl", url);
        }
        assertEquals(List.of(), dns.lookups);
        guard.check("callbackUrl", "https://API.Example.com./x");
        assertEquals(List.of("api.example.com"), dns.lookups);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:8080/hook", "http://localhost:9324/", "http://app.localhost/", "http://[::1]:8080/",
            "http://[::ffff:127.0.0.1]/", "http://loopback.example/", "https://api.example.com/",
    })
    void loopbackPolicyAcceptsThisMachine(String url) {
        assertEquals("ok", problem(localGuard, url));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://10.0.0.5/            | callbackUrl: points at a private network address 10.0.0.5",
            "http://169.254.169.254/     | callbackUrl: points at a link-local address 169.254.169.254 (the cloud instance metadata service)",
            "http://[fe80::1]/           | callbackUrl: points at a link-local address fe80::1",
            "http://evil.example/        | callbackUrl: host evil.example resolves to a private network address 10.0.0.1",
            "http://0.0.0.0/             | callbackUrl: points at an unspecified address 0.0.0.0",
            "http://127.1/               | callbackUrl: must write the IPv4 address 127.0.0.1 in dotted decimal, not as 127.1",
            "http://metadata.google.internal/ | callbackUrl: points at an internal host name (metadata.google.internal)",
    })
    void loopbackPolicyStillRefusesEverythingElse(String url, String expected) {
        assertEquals(expected, problem(localGuard, url));
    }

    @Test
    void requireReturnsTheUrlOrThrowsNamingTheField() {
        assertEquals(URI.create("https://api.example.com/hook"), guard.require("callbackUrl", "https://api.example.com/hook"));

        ValidationException thrown = assertThrows(ValidationException.class,
                () -> guard.require("inputs[3].imageUrl", "http://10.0.0.5/cat.png"));

        assertEquals(List.of(new FieldError("inputs[3].imageUrl", "points at a private network address 10.0.0.5")), thrown.errors());
        assertEquals("inputs[3].imageUrl: points at a private network address 10.0.0.5", thrown.getMessage());
    }

    @Test
    void checksResolvedAddressesForDeliveryTime() {
        assertEquals(Optional.of("a private network address 10.0.0.5"),
                guard.refusalReason(FakeResolver.address("hook.example", "10.0.0.5")));
        assertEquals(Optional.of("a loopback address 127.0.0.1"),
                guard.refusalReason(FakeResolver.address("hook.example", "::ffff:127.0.0.1")));
        assertEquals(Optional.empty(), guard.refusalReason(FakeResolver.address("hook.example", "93.184.216.34")));
        assertEquals(Optional.empty(), localGuard.refusalReason(FakeResolver.address("localhost", "::1")));
        assertEquals(Optional.of("a link-local address fe80::1"),
                localGuard.refusalReason(FakeResolver.address("hook.example", "fe80::1")));
    }
}
