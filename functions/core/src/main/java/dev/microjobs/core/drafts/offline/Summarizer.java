package dev.microjobs.core.drafts.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Extractive summaries: each sentence scores by how frequent its content words are in the
 * whole text (what the text is about), how early it comes (reports lead with the point),
 * and whether its length is that of a real statement; the best sentences that fit in
 * {@code maxWords} are kept in their original order. With {@code format: video-script} the
 * same ranking fills a 2-minute video outline instead.
 *
 * <p>Input: {@code text} (or {@code report}, {@code document}), optional {@code maxWords}
 * (default 120) and {@code format}.
 */
final class Summarizer {

    static final int DEFAULT_MAX_WORDS = 120;
    private static final int MAX_WORDS_LIMIT = 2_000;
    /** Sentences that ask for something, strongest asks first. */
    private static final List<Pattern> CALLS_TO_ACTION = List.of(
            Pattern.compile("\\b(recommend\\w*|should|must|urge|call on|invite)\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\b(next steps?|sign up|visit|contact|join|start|try|plan to|we will)\\b",
                    Pattern.CASE_INSENSITIVE));

    private record Scored(int index, String sentence, double score) {
    }

    private Summarizer() {
    }

    static JsonNode write(JsonNode input) {
        String text = OfflineInput.firstText(input, "text", "report", "document")
                .orElseThrow(() -> OfflineInput.missing("text (\"text\", \"report\" or \"document\")"));
        List<Scored> ranked = rank(Text.sentences(text));
        boolean videoScript = OfflineInput.text(input, "format").map(f -> f.toLowerCase(Locale.ROOT))
                .filter(f -> f.replace('_', '-').replace(' ', '-').equals("video-script")).isPresent();
        if (videoScript) {
            return TextNode.valueOf(videoScript(ranked));
        }
        int maxWords = OfflineInput.count(input, "maxWords", DEFAULT_MAX_WORDS, MAX_WORDS_LIMIT);
        return TextNode.valueOf(summary(ranked, maxWords));
    }

    private static List<Scored> rank(List<String> sentences) {
        Map<String, Integer> frequency = new HashMap<>();
        sentences.forEach(s -> Text.terms(s).forEach(term -> frequency.merge(term, 1, Integer::sum)));
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            String sentence = sentences.get(i);
            List<String> terms = Text.terms(sentence);
            int words = Text.wordCount(sentence);
            double aboutness = terms.stream().mapToInt(frequency::get).sum() / Math.sqrt(Math.max(1, words));
            double position = i == 0 ? 1.5 : 1.0 + 0.3 * (1.0 - (double) i / sentences.size());
            double length = words < 6 ? 0.4 : words > 40 ? 0.7 : 1.0;
            // A bare heading ("Key findings") is not a statement to quote.
            double statement = isStatement(sentence) ? 1.0 : 0.5;
            scored.add(new Scored(i, sentence, aboutness * position * length * statement));
        }
        return scored.stream().sorted(Comparator.comparingDouble(Scored::score).reversed()).toList();
    }

    private static String summary(List<Scored> ranked, int maxWords) {
        List<Scored> statements = ranked.stream().filter(s -> isStatement(s.sentence())).toList();
        List<Scored> candidates = statements.isEmpty() ? ranked : statements;
        List<Scored> chosen = new ArrayList<>();
        int words = 0;
        for (Scored candidate : candidates) {
            int length = Text.wordCount(candidate.sentence());
            if (words + length <= maxWords) {
                chosen.add(candidate);
                words += length;
            }
        }
        if (chosen.isEmpty()) {
            // Even the best sentence is longer than allowed: cut it rather than say nothing.
            return Text.firstWords(candidates.get(0).sentence(), maxWords);
        }
        return String.join(" ", inTextOrder(chosen).stream().map(Scored::sentence).toList());
    }

    /**
     * HOOK, three sections and a CALL TO ACTION, timed for two minutes at about 150 spoken
     * words a minute. The hook is the best sentence; the sections take the next six best in
     * the text's order; the call to action is the best sentence that asks for something.
     */
    private static String videoScript(List<Scored> ranked) {
        Scored hook = ranked.get(0);
        Scored action = CALLS_TO_ACTION.stream()
                .flatMap(ask -> ranked.stream().skip(1).filter(s -> ask.matcher(s.sentence()).find()).limit(1))
                .findFirst().orElse(null);
        List<Scored> body = inTextOrder(ranked.stream()
                .filter(s -> s != hook && s != action)
                .limit(6).toList());

        StringBuilder script = new StringBuilder();
        script.append("HOOK (0:00-0:15)\n- ").append(hook.sentence()).append('\n');
        String[] timings = {"0:15-0:50", "0:50-1:25", "1:25-1:50"};
        int perSection = Math.max(1, (body.size() + 2) / 3);
        for (int section = 0; section < 3 && section * perSection < body.size(); section++) {
            List<Scored> lines = body.subList(section * perSection, Math.min(body.size(), (section + 1) * perSection));
            String joined = String.join(" ", lines.stream().map(Scored::sentence).toList());
            List<String> topic = KeyPhrases.of(joined, 1);
            script.append("\nSECTION ").append(section + 1).append(" (").append(timings[section]).append(")");
            if (!topic.isEmpty()) {
                script.append(": ").append(Text.capitalize(topic.get(0)));
            }
            script.append('\n');
            lines.forEach(line -> script.append("- ").append(line.sentence()).append('\n'));
        }
        script.append("\nCALL TO ACTION (1:50-2:00)\n- ")
                .append(action != null ? action.sentence() : "Tell viewers the one thing to do next.");
        return script.toString();
    }

    private static boolean isStatement(String sentence) {
        return sentence.matches(".*[.!?][\"”')]*$");
    }

    private static List<Scored> inTextOrder(List<Scored> sentences) {
        return sentences.stream().sorted(Comparator.comparingInt(Scored::index)).toList();
    }
}
