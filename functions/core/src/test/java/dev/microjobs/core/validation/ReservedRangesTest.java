package dev.microjobs.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.microjobs.core.validation.ReservedRanges.Special;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReservedRangesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1          | a loopback address 127.0.0.1",
            "127.255.255.254    | a loopback address 127.255.255.254",
            "10.0.0.5           | a private network address 10.0.0.5",
            "172.16.0.1         | a private network address 172.16.0.1",
            "172.31.255.255     | a private network address 172.31.255.255",
            "192.168.1.1        | a private network address 192.168.1.1",
            "169.254.169.254    | a link-local address 169.254.169.254 (the cloud instance metadata service)",
            "169.254.1.1        | a link-local address 169.254.1.1",
            "100.64.0.1         | a carrier-grade NAT address 100.64.0.1",
            "100.127.255.255    | a carrier-grade NAT address 100.127.255.255",
            "0.0.0.0            | an unspecified address 0.0.0.0",
            "0.1.2.3            | a reserved address 0.1.2.3",
            "224.0.0.1          | a multicast address 224.0.0.1",
            "239.255.255.250    | a multicast address 239.255.255.250",
            "255.255.255.255    | the broadcast address 255.255.255.255",
            "240.0.0.1          | a reserved address 240.0.0.1",
            "192.0.0.170        | a reserved address 192.0.0.170",
            "198.18.0.1         | a reserved address 198.18.0.1",
            "::                 | an unspecified address ::",
            "::1                | a loopback address ::1",
            "fc00::1            | a private network address fc00::1",
            "fd00:ec2::254      | a private network address fd00:ec2::254",
            "fe80::1            | a link-local address fe80::1",
            "febf::1            | a link-local address febf::1",
            "fec0::1            | a private network address fec0::1",
            "ff02::1            | a multicast address ff02::1",
            "100::1             | a reserved address 100::1",
            "64:ff9b:1::a00:1   | a private network address 64:ff9b:1::a00:1",
            "::2                | a reserved address ::2",
            "::8.8.8.8          | a reserved address ::808:808",
            "::ffff:0:8.8.8.8   | a reserved address ::ffff:0:808:808",
            "::ffff:127.0.0.1   | a loopback address 127.0.0.1 (embedded in ::ffff:7f00:1)",
            "::ffff:10.0.0.5    | a private network address 10.0.0.5 (embedded in ::ffff:a00:5)",
            "::127.0.0.1        | a loopback address 127.0.0.1 (embedded in ::7f00:1)",
            "::ffff:0:127.0.0.1 | a loopback address 127.0.0.1 (embedded in ::ffff:0:7f00:1)",
            "64:ff9b::169.254.169.254 | a link-local address 169.254.169.254 (the cloud instance metadata service) (embedded in 64:ff9b::a9fe:a9fe)",
            "2002:7f00:1::      | a loopback address 127.0.0.1 (embedded in 2002:7f00:1::)",
            "2002:c0a8:101::1   | a private network address 192.168.1.1 (embedded in 2002:c0a8:101::1)",
            "2001:0:4136:e378:8000:63bf:80ff:fffe | a loopback address 127.0.0.1 (embedded in 2001:0:4136:e378:8000:63bf:80ff:fffe)",
    })
    void refused(String literal, String description) {
        Optional<Special> special = ReservedRanges.classify(bytes(literal));
        assertEquals(description, special.map(Special::describe).orElse("public"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "8.8.8.8", "93.184.216.34", "1.1.1.1", "172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0",
            "169.253.255.255", "126.255.255.255", "128.0.0.1", "223.255.255.255", "11.0.0.1", "192.169.0.1",
            "2606:4700:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1",
            "2001:db8::1", "fbff::1", "fe7f::1",
    })
    void ordinaryPublicAddresses(String literal) {
        assertEquals(Optional.empty(), ReservedRanges.classify(bytes(literal)));
    }

    private static byte[] bytes(String literal) {
        return literal.contains(":")
                ? IpLiterals.parseIpv6(literal).orElseThrow()
                : IpLiterals.ipv4Bytes(IpLiterals.parseIpv4(literal).orElseThrow());
    }

    @Test
    void jdkAddressesAreClassifiedByTheirBytes() throws Exception {
        assertEquals("a loopback address 127.0.0.1",
                ReservedRanges.classify(InetAddress.getByName("::ffff:127.0.0.1").getAddress()).orElseThrow().describe());
    }
}
