package dev.microjobs.bench.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretScanTest {

    private static final String KEY = "mjb_Q2hhb3NLZXlGb3JUZXN0aW5nT25seTAxMjM0NTY3ODk";
    private static final String WEBHOOK_SECRET = "whsec_c2VjcmV0K3dpdGgvc2xhc2hlcz1hbmQrcGx1c2VzPQ==";

    @TempDir
    Path directory;

    @Test
    void findsASecretWholeUrlEncodedOrInPiecesButNotItsMaskedForm() throws IOException {
        Path log = write(
                "{\"message\":\"authorised with mjb_[REDACTED]\"}",
                "{\"message\":\"key " + KEY + "\"}",
                "{\"message\":\"url ?secret=" + URLEncoder.encode(WEBHOOK_SECRET, StandardCharsets.UTF_8) + "\"}",
                "{\"message\":\"cut mjb_Q2hhb3NLZXlGb3JUZXN0aW5nT25s...\"}",
                "{\"message\":\"nothing here\"}",
                "{\"message\":\"middle ...NLZXlGb3JUZX...\"}");

        List<SecretScan.Finding> findings = new SecretScan(Map.of("business key", KEY, "webhook secret", WEBHOOK_SECRET)).scan(log);

        assertEquals(List.of(2L, 3L, 4L, 6L), findings.stream().map(SecretScan.Finding::line).toList(), "one finding per leaking line");
        assertEquals("whole", findings.stream().filter(f -> f.line() == 2).findFirst().orElseThrow().form());
        assertEquals("URL-encoded", findings.stream().filter(f -> f.line() == 3).findFirst().orElseThrow().form());
        assertEquals("a piece", findings.stream().filter(f -> f.line() == 4).findFirst().orElseThrow().form());
        assertEquals("business key", findings.stream().filter(f -> f.line() == 4).findFirst().orElseThrow().secret());
    }

    @Test
    void thePrefixAloneIsNoSecret() {
        assertEquals("Q2hhb3NLZXlGb3JUZXN0aW5nT25seTAxMjM0NTY3ODk", SecretScan.randomPart(KEY));
        assertEquals("abcdefghijklmnopqrstuvwx", SecretScan.randomPart("sk-chaos-abcdefghijklmnopqrstuvwx"));
    }

    private Path write(String... lines) throws IOException {
        Path log = directory.resolve("chaos.log");
        Files.write(log, List.of(lines), StandardCharsets.UTF_8);
        return log;
    }
}
