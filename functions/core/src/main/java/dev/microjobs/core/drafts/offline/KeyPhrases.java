package dev.microjobs.core.drafts.offline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The key phrases of a text, best first, by a simple keyword extraction: stop words and
 * punctuation split the text into runs of content words; single words and adjacent pairs
 * (noun-phrase-ish bigrams like "energy bar") are candidates; a candidate scores by how
 * often it occurs and how early it first appears, and pairs get a bonus because they say
 * more than either word alone. Words already inside a chosen phrase are not offered again.
 */
final class KeyPhrases {

    private static final Pattern CLAUSE_BREAK = Pattern.compile("[.,;:!?()\\[\\]\"“”—–]|\\s-\\s|\\R");
    private static final double PAIR_BONUS = 1.6;
    private static final Set<String> NEGATIONS = Set.of("no", "zero", "without");

    private KeyPhrases() {
    }

    static List<String> of(String text, int max) {
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        int position = 0;
        for (String clause : CLAUSE_BREAK.split(text)) {
            List<String> run = new ArrayList<>();
            String negation = "";
            for (String word : Text.words(clause)) {
                if (Text.isContentWord(word)) {
                    run.add(word);
                    // "no added sugar" is a selling point; "added sugar" says the opposite.
                    count(candidates, run.size() == 1 ? negation + word : word, position);
                    if (run.size() >= 2) {
                        count(candidates, (run.size() == 2 ? negation : "") + run.get(run.size() - 2) + " " + word,
                                position);
                    }
                } else {
                    run.clear();
                    negation = NEGATIONS.contains(word) ? word + " " : "";
                }
                position++;
            }
        }
        int textLength = position;
        List<Candidate> ranked = candidates.values().stream()
                .sorted(Comparator.comparingDouble((Candidate c) -> -c.score(textLength)).thenComparing(c -> c.firstAt))
                .toList();
        List<String> chosen = new ArrayList<>();
        for (Candidate candidate : ranked) {
            if (chosen.size() == max) {
                break;
            }
            boolean overlaps = chosen.stream().anyMatch(phrase -> sharesWord(phrase, candidate.phrase));
            if (!overlaps) {
                chosen.add(candidate.phrase);
            }
        }
        return chosen;
    }

    private static void count(Map<String, Candidate> candidates, String phrase, int position) {
        candidates.computeIfAbsent(phrase, p -> new Candidate(p, position)).occurrences++;
    }

    private static boolean sharesWord(String a, String b) {
        List<String> stemsOfA = Arrays.stream(a.split(" ")).filter(Text::isContentWord).map(Text::stem).toList();
        return Arrays.stream(b.split(" ")).filter(Text::isContentWord).map(Text::stem).anyMatch(stemsOfA::contains);
    }

    private static final class Candidate {
        final String phrase;
        final int firstAt;
        int occurrences;

        Candidate(String phrase, int firstAt) {
            this.phrase = phrase.toLowerCase(Locale.ROOT);
            this.firstAt = firstAt;
        }

        double score(int textLength) {
            double earliness = 1.0 + 1.0 - (double) firstAt / Math.max(1, textLength);
            boolean isPair = phrase.replaceFirst("^(no|zero|without) ", "").indexOf(' ') > 0;
            double pair = isPair ? PAIR_BONUS : 1.0;
            // A pair seen once is often an accident of word order; seen twice it is a phrase.
            double repeatedPair = isPair && occurrences > 1 ? 1.5 : 1.0;
            return occurrences * earliness * pair * repeatedPair;
        }
    }
}
