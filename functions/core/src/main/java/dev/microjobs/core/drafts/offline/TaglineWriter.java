package dev.microjobs.core.drafts.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Taglines built from the key phrases of the brief. The phrases take roles by a rough
 * grammar: the best singular phrase is the product ("energy bar"), plural phrases are the
 * audience ("trail runners"), and every phrase is a feature ("no added sugar"). Short line
 * patterns, the tone's first, then general ones, are filled with them and the brand. The
 * result is a copywriter's starting point, not finished copy, but it is about the product.
 *
 * <p>Input: {@code brief} (or {@code description}, {@code product}, {@code text}), optional
 * {@code brand}, {@code tone} and {@code count} (default 5, at most 20).
 */
final class TaglineWriter {

    static final int DEFAULT_COUNT = 5;
    static final int MAX_COUNT = 20;
    private static final int MAX_WORDS = 10;

    /**
     * Line patterns with slots {brand}, {product}, {audience}, {feature} and {feature2}; a
     * pattern is used only when every slot it has can be filled.
     */
    private static final Map<String, List<String>> TONE_PATTERNS = Map.of(
            "playful", List.of("{Feature}? Yes, please.", "{brand}: {feature}, minus the fuss.",
                    "The {product} that {audience} can't stop talking about."),
            "bold", List.of("Built for {audience}.", "{Feature}. No excuses.", "Go further with {brand}."),
            "premium", List.of("{Feature}, refined.", "The art of the {product}.", "{brand}. Effortlessly {feature}."),
            "friendly", List.of("The {product} {audience} love.", "Say hello to {feature}.",
                    "{brand} makes {feature} easy."),
            "professional", List.of("{Feature} you can rely on.", "The {product} {audience} trust.",
                    "{brand}: {feature}, done properly."));
    private static final Map<String, Set<String>> TONE_WORDS = Map.of(
            "playful", Set.of("playful", "fun", "witty", "cheeky", "humor", "humour", "quirky"),
            "bold", Set.of("bold", "energetic", "confident", "punchy", "adventurous", "sporty"),
            "premium", Set.of("premium", "luxury", "elegant", "sophisticated", "refined", "upscale"),
            "friendly", Set.of("friendly", "warm", "casual", "approachable", "caring"),
            "professional", Set.of("professional", "trustworthy", "serious", "corporate", "formal", "b2b"));
    private static final List<String> GENERAL_PATTERNS = List.of(
            "{brand}: the {product} for {audience}.",
            "{Feature}. {Feature2}. {brand}.",
            "Made for {audience}.",
            "The {product} {audience} actually want.",
            "{Feature}, made for {audience}.",
            "{brand}. {Feature}, done right.",
            "{Feature}, without the compromise.",
            "Your {product}, reimagined.",
            "Where {feature} meets {feature2}.");

    private TaglineWriter() {
    }

    static JsonNode write(JsonNode input) {
        String brief = OfflineInput.firstText(input, "brief", "description", "product", "text")
                .orElseThrow(() -> OfflineInput.missing("brief (\"brief\", \"description\", \"product\" or \"text\")"));
        String brand = OfflineInput.text(input, "brand").orElse(null);
        String tone = OfflineInput.text(input, "tone").orElse("").toLowerCase(Locale.ROOT);
        int count = OfflineInput.count(input, "count", DEFAULT_COUNT, MAX_COUNT);

        List<String> phrases = KeyPhrases.of(brief, Math.max(6, count));
        List<String> audiences = phrases.stream().filter(TaglineWriter::namesPeople).toList();
        List<String> features = phrases.stream().filter(p -> !namesPeople(p)).toList();
        if (features.isEmpty()) {
            throw OfflineInput.missing("brief with some content words");
        }
        List<String> products = features.stream()
                .filter(p -> p.indexOf(' ') > 0 && !looksPlural(p) && !p.matches("^(no|zero|without|nothing) .*"))
                .toList();

        List<String> patterns = new ArrayList<>();
        TONE_WORDS.forEach((name, words) -> {
            if (words.stream().anyMatch(tone::contains)) {
                patterns.addAll(TONE_PATTERNS.get(name));
            }
        });
        patterns.addAll(GENERAL_PATTERNS);

        Set<String> lines = new LinkedHashSet<>();
        // Each round walks every pattern with the next phrases, so lines differ in words as well as shape.
        for (int round = 0; round < features.size() && lines.size() < count; round++) {
            for (int p = 0; p < patterns.size() && lines.size() < count; p++) {
                int turn = round + p;
                String line = patterns.get(p);
                line = fill(line, "brand", brand);
                line = fill(line, "product", pick(products, turn));
                line = fill(line, "audience", pick(audiences, turn));
                line = fill(line, "feature2", pick(features, turn + 1));
                line = fill(line, "feature", pick(features, turn));
                if (line != null && Text.wordCount(line) <= MAX_WORDS && !lines.contains(line)) {
                    lines.add(line);
                }
            }
        }
        ArrayNode taglines = JsonNodeFactory.instance.arrayNode();
        lines.forEach(taglines::add);
        return taglines;
    }

    /** {@code line} with {slot} (or {Slot}, capitalized) filled; null if the slot is needed but empty. */
    private static String fill(String line, String slot, String value) {
        if (line == null) {
            return null;
        }
        String capitalizedSlot = "{" + Text.capitalize(slot) + "}";
        boolean needed = line.contains("{" + slot + "}") || line.contains(capitalizedSlot);
        if (!needed) {
            return line;
        }
        if (value == null) {
            return null;
        }
        return line.replace("{" + slot + "}", value).replace(capitalizedSlot, Text.capitalize(value));
    }

    private static String pick(List<String> phrases, int turn) {
        return phrases.isEmpty() ? null : phrases.get(turn % phrases.size());
    }

    /** Plural nouns for people, by their usual endings (runners, editors, cyclists, musicians) or by name. */
    private static boolean namesPeople(String phrase) {
        String last = phrase.substring(phrase.lastIndexOf(' ') + 1);
        return last.matches(".*(ers|ors|ists|ians|ees)$")
                || Set.of("people", "families", "kids", "teams", "athletes", "women", "men", "teens", "adults",
                        "parents", "students", "pros", "owners", "beginners", "professionals").contains(last);
    }

    private static boolean looksPlural(String phrase) {
        String last = phrase.substring(phrase.lastIndexOf(' ') + 1);
        return last.length() > 3 && last.endsWith("s") && !last.endsWith("ss") && !last.endsWith("us");
    }
}
