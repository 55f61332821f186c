package dev.microjobs.core.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, 127.0.0.1",
            "2130706433, 127.0.0.1",
            "0177.0.0.1, 127.0.0.1",
            "0x7f.1, 127.0.0.1",
            "0x7f000001, 127.0.0.1",
            "127.1, 127.0.0.1",
            "127.0.1, 127.0.0.1",
            "017700000001, 127.0.0.1",
            "0x7F.0.0.0x1, 127.0.0.1",
            "010.0.0.1, 8.0.0.1",
            "0, 0.0.0.0",
            "0x, 0.0.0.0",
            "4294967295, 255.255.255.255",
            "169.254.43518, 169.254.169.254",
            "3232235777, 192.168.1.1",
    })
    void readsNumericHostsLikeBrowsersAndInetAton(String host, String dotted) {
        assertEquals(OptionalLong.of(IpLiterals.ipv4(dottedBytes(dotted), 0)), IpLiterals.parseIpv4(host.toLowerCase()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "4294967296", "256.0.0.1", "1.2.3.4.5", "1.2.3.256", "1.2.65536", "08.0.0.1", "0x1g", "1..2",
            "", ".", "1.2.3.", "99999999999999999999", "0xfffffffff", "-1", "1.-2.3.4", "\u0661\u0662\u0663",
    })
    void refusesWhatIsNotAnIpv4Number(String host) {
        assertEquals(OptionalLong.empty(), IpLiterals.parseIpv4(host));
    }

    @Test
    void hostsEndingInANumberAreIpv4NotNames() {
        assertTrue(IpLiterals.endsInNumber("127.1"));
        assertTrue(IpLiterals.endsInNumber("example.123"));
        assertTrue(IpLiterals.endsInNumber("a.0x"));
        assertTrue(IpLiterals.endsInNumber("0x7f"));
        assertFalse(IpLiterals.endsInNumber("123.example"));
        assertFalse(IpLiterals.endsInNumber("0x1g"));
        assertFalse(IpLiterals.endsInNumber("api.example.com"));
    }

    @ParameterizedTest
    @CsvSource({
            "::, ::",
            "::1, ::1",
            "0:0:0:0:0:0:0:1, ::1",
            "::ffff:127.0.0.1, ::ffff:7f00:1",
            "::FFFF:7F00:1, ::ffff:7f00:1",
            "fe80::1, fe80::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:0db8:0000:0000:0000:0000:0002:0001, 2001:db8::2:1",
            "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
            "1::, 1::",
            "64:ff9b::10.0.0.1, 64:ff9b::a00:1",
            "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
    })
    void readsAndWritesIpv6(String literal, String canonical) throws Exception {
        byte[] address = IpLiterals.parseIpv6(literal).orElseThrow();
        assertEquals(canonical, IpLiterals.formatIpv6(address));
        byte[] expected = InetAddress.getByName(literal).getAddress();
        if (expected.length == 16) { // Java turns IPv4-mapped literals into IPv4 addresses
            assertArrayEquals(expected, address);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", ":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::",
            "::1%eth0", "fe80::1%25eth0", "::ffff:127.1", "::ffff:0177.0.0.1", "1.2.3.4::", "::1.2.3.4:5",
            ":1::", "1::2:", "1:2:3:4:5:6:7::8:9", "1:2:3:4:5:6:7:1.2.3.4",
    })
    void refusesMalformedIpv6(String literal) {
        assertTrue(IpLiterals.parseIpv6(literal).isEmpty(), literal);
    }

    private static byte[] dottedBytes(String dotted) {
        String[] parts = dotted.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return bytes;
    }
}
