package dev.microjobs.bench.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks for secrets in captured logs: each secret whole, URL-encoded, and any piece of its random
 * part longer than masking lets through. One finding per secret and line, in its most complete form. The log masking keeps only a prefix such as {@code mjb_};
 * {@link #PIECE} characters of the random part in a row are a leak, which finds a secret that was
 * cut, wrapped or half-masked as well as a whole one.
 *
 * <p>Findings name the secret by its label and the line number, never by its value.
 */
final class SecretScan {

    /** Characters of a secret's random part that may never appear together in a log. */
    static final int PIECE = 12;

    /** One leak: which secret (by label), how it appeared, and where. */
    record Finding(String secret, String form, long line) {
    }

    /** What a searched text stands for. */
    private record Needle(String secret, String form) {
    }

    private final Map<String, Needle> needles = new LinkedHashMap<>();

    /** @param secrets label → value, e.g. "business key 3" → "mjb_..." */
    SecretScan(Map<String, String> secrets) {
        secrets.forEach((label, secret) -> {
            needles.put(secret, new Needle(label, "whole"));
            needles.putIfAbsent(URLEncoder.encode(secret, StandardCharsets.UTF_8), new Needle(label, "URL-encoded"));
            String random = randomPart(secret);
            for (int from = 0; from + PIECE <= random.length(); from++) {
                needles.putIfAbsent(random.substring(from, from + PIECE), new Needle(label, "a piece"));
            }
        });
    }

    /** Prefixes of the secrets a run uses; the prefix alone tells nothing, and masking keeps it. */
    private static final List<String> PREFIXES = List.of("mjb_", "mjw_", "whsec_", "sk-chaos-");

    /** The part after a known prefix: what must never leak. */
    static String randomPart(String secret) {
        return PREFIXES.stream().filter(secret::startsWith).findFirst()
                .map(prefix -> secret.substring(prefix.length())).orElse(secret);
    }

    List<Finding> scan(Path log) throws IOException {
        List<Finding> findings = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                Set<String> leakedOnLine = new HashSet<>();
                for (Map.Entry<String, Needle> needle : needles.entrySet()) {
                    if (line.contains(needle.getKey()) && leakedOnLine.add(needle.getValue().secret())) {
                        findings.add(new Finding(needle.getValue().secret(), needle.getValue().form(), number));
                    }
                }
            }
        }
        return findings;
    }
}
