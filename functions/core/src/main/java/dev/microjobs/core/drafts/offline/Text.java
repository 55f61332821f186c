package dev.microjobs.core.drafts.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain-text basics for the offline drafts: sentences, words, stop words, a light stemmer. */
final class Text {

    static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
            "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
            "can", "could", "did", "do", "does", "doing", "down", "during", "each", "either", "even", "ever",
            "every", "few", "for", "from", "further", "get", "gets", "got", "had", "has", "have", "having", "he",
            "her", "here", "hers", "him", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its",
            "itself", "just", "least", "less", "let", "like", "made", "make", "makes", "many", "may", "me",
            "might", "more", "most", "much", "must", "my", "need", "needs", "no", "nor", "not", "now", "of",
            "off", "on", "once", "one", "only", "or", "other", "our", "ours", "out", "over", "own", "per",
            "please", "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their",
            "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
            "up", "upon", "us", "use", "used", "using", "very", "via", "want", "wants", "was", "we", "well",
            "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "why", "will", "with",
            "within", "without", "would", "yet", "you", "your", "yours", "yourself", "able", "new", "way",
            "ways", "thing", "things", "etc", "e.g", "i.e", "don't", "doesn't", "isn't", "it's", "we're",
            "you're", "they're", "can't", "won't", "let's", "that's");

    // Abbreviations whose period does not end a sentence.
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "inc", "ltd", "co", "corp", "vs", "etc", "e.g", "i.e", "no",
            "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "st");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’\\-.][\\p{L}\\p{N}]+)*");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+[\"”')\\]]*(?=\\s+|$)");

    private Text() {
    }

    /** Sentences in order, split at . ! ? and at line breaks between paragraphs or list items. */
    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        for (String block : text.split("\\R\\s*\\R|\\R(?=\\s*(?:[-*•]|\\d+[.)])\\s)")) {
            splitBlock(block.replaceAll("\\s+", " ").strip(), sentences);
        }
        return sentences;
    }

    private static void splitBlock(String block, List<String> sentences) {
        Matcher end = SENTENCE_END.matcher(block);
        int start = 0;
        while (end.find()) {
            String candidate = block.substring(start, end.end()).strip();
            if (endsWithAbbreviation(block, end.start())) {
                continue;
            }
            if (!candidate.isEmpty()) {
                sentences.add(stripListMarker(candidate));
            }
            start = end.end();
        }
        String rest = block.substring(start).strip();
        if (!rest.isEmpty()) {
            sentences.add(stripListMarker(rest));
        }
    }

    private static boolean endsWithAbbreviation(String block, int periodAt) {
        if (block.charAt(periodAt) != '.') {
            return false;
        }
        int wordStart = periodAt;
        while (wordStart > 0 && !Character.isWhitespace(block.charAt(wordStart - 1))) {
            wordStart--;
        }
        String word = block.substring(wordStart, periodAt).toLowerCase(Locale.ROOT).replaceAll("^[(\"'“]", "");
        return ABBREVIATIONS.contains(word) || word.length() == 1 && Character.isLetter(word.charAt(0));
    }

    private static String stripListMarker(String sentence) {
        return sentence.replaceFirst("^(?:[-*•]|\\d+[.)])\\s+", "");
    }

    /** Words in order, lowercased, with inner apostrophes, hyphens and periods kept (e-bike, 3.5, don't). */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            words.add(matcher.group().toLowerCase(Locale.ROOT).replace('’', '\''));
        }
        return words;
    }

    static boolean isContentWord(String word) {
        return word.length() > 2 && !STOP_WORDS.contains(word) && !word.chars().allMatch(Character::isDigit);
    }

    /** Content words reduced to a stem, so "refunds" and "refunded" meet "refund". */
    static List<String> terms(String text) {
        return words(text).stream().filter(Text::isContentWord).map(Text::stem).toList();
    }

    /** A deliberately light suffix stripper: enough to match plurals and simple verb forms. */
    static String stem(String word) {
        if (word.length() > 5 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        for (String suffix : new String[] {"ing", "ed", "s"}) {
            if (word.length() > suffix.length() + 3 && word.endsWith(suffix) && !word.endsWith("ss")) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }

    static int wordCount(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    /** {@code text} cut to at most {@code maxWords} words, marked with an ellipsis when cut. */
    static String firstWords(String text, int maxWords) {
        String[] words = text.strip().split("\\s+");
        if (words.length <= maxWords) {
            return text.strip();
        }
        return String.join(" ", java.util.Arrays.copyOf(words, maxWords)).replaceAll("[,;:]$", "") + "…";
    }

    static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
