package dev.microjobs.core.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * How much of a draft the worker changed: the Levenshtein distance between draft and
 * output divided by the longer length, so 0 means the draft was kept as is and 1 means
 * nothing of it survived. It measures how useful the AI drafts are.
 *
 * <p>Lengths are in Unicode code points, so an emoji or an accented letter counts as
 * one edit. The time taken grows with the product of the lengths, so each side is cut
 * to its first {@value #MAX_COMPARED_CODE_POINTS} code points: a submission then costs
 * at most 4 x 10^8 steps (about a second on one core), and a long text that differs
 * only past the cut counts as unchanged. Memory is one row of the shorter side.
 */
public final class EditDistance {

    public static final int MAX_COMPARED_CODE_POINTS = 20_000;

    private EditDistance() {
    }

    /** The normalized distance between two texts, from 0 (identical) to 1 (nothing shared). */
    public static double ratio(String draft, String output) {
        int[] a = codePoints(Objects.requireNonNull(draft, "draft text is required"));
        int[] b = codePoints(Objects.requireNonNull(output, "output text is required"));
        int longer = Math.max(a.length, b.length);
        return longer == 0 ? 0.0 : (double) distance(a, b) / longer;
    }

    /**
     * The same for JSON content: text nodes are compared as their text, anything else
     * (structured drafts) as its compact JSON, so a changed value or key counts as an
     * edit of those characters.
     */
    public static double ratio(JsonNode draft, JsonNode output) {
        return ratio(asText(Objects.requireNonNull(draft, "draft is required")),
                asText(Objects.requireNonNull(output, "output is required")));
    }

    private static String asText(JsonNode node) {
        return node.isTextual() ? node.textValue() : node.toString();
    }

    private static int[] codePoints(String text) {
        return text.codePoints().limit(MAX_COMPARED_CODE_POINTS).toArray();
    }

    private static int distance(int[] a, int[] b) {
        int[] longer = a.length >= b.length ? a : b;
        int[] shorter = longer == a ? b : a;
        // previous[j]: the distance between the prefix of `longer` handled so far and
        // the first j code points of `shorter`.
        int[] previous = new int[shorter.length + 1];
        int[] current = new int[shorter.length + 1];
        for (int j = 0; j <= shorter.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= longer.length; i++) {
            current[0] = i;
            for (int j = 1; j <= shorter.length; j++) {
                int substitution = previous[j - 1] + (longer[i - 1] == shorter[j - 1] ? 0 : 1);
                int deletion = previous[j] + 1;
                int insertion = current[j - 1] + 1;
                current[j] = Math.min(substitution, Math.min(deletion, insertion));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[shorter.length];
    }
}
