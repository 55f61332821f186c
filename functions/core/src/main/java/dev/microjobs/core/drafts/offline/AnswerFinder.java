package dev.microjobs.core.drafts.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers a question from a reference text, TF-IDF style. The text is cut into passages: in
 * an FAQ, a question with the answer under it; otherwise, single sentences. A passage scores
 * by the terms it shares with the question, each weighted by how rare it is among the
 * passages (a shared "refund" says more than a shared "order") and, more gently, by how often
 * the passage uses it. The best passage's answer sentences are the draft. When the text
 * covers too little of the question, the draft says so plainly rather than guess.
 *
 * <p>Input: {@code question} and {@code text} (or {@code faq}, {@code context}).
 */
final class AnswerFinder {

    /** Share of the question's weight the best passage must cover to count as an answer. */
    static final double MIN_COVERAGE = 0.4;
    private static final int MAX_ANSWER_SENTENCES = 4;
    /** After "how", these words name the kind of answer wanted ("how long"), not its subject. */
    private static final Set<String> ANSWER_KIND_WORDS = Set.of("long", "much", "many", "often", "soon", "far");

    private record Passage(String question, List<String> answer, List<String> terms) {
    }

    private AnswerFinder() {
    }

    static JsonNode write(JsonNode input) {
        String question = OfflineInput.text(input, "question")
                .orElseThrow(() -> OfflineInput.missing("question (\"question\")"));
        String text = OfflineInput.firstText(input, "text", "faq", "context")
                .orElseThrow(() -> OfflineInput.missing("reference text (\"text\", \"faq\" or \"context\")"));
        List<Passage> passages = passages(Text.sentences(text));
        Set<String> asked = questionTerms(question);
        Map<String, Double> idf = inverseFrequencies(passages);
        double unseenIdf = Math.log(passages.size() + 1.0) + 1.0;
        double askedWeight = asked.stream().mapToDouble(term -> idf.getOrDefault(term, unseenIdf)).sum();

        Passage best = null;
        double bestScore = 0;
        double bestCoverage = 0;
        for (Passage passage : passages) {
            Map<String, Integer> frequency = new HashMap<>();
            passage.terms().forEach(term -> frequency.merge(term, 1, Integer::sum));
            double coverage = 0;
            double score = 0;
            for (String term : asked) {
                Integer count = frequency.get(term);
                if (count != null) {
                    coverage += idf.get(term);
                    score += idf.get(term) * (1 + Math.log(count));
                }
            }
            if (score > bestScore) {
                best = passage;
                bestScore = score;
                bestCoverage = coverage;
            }
        }
        if (best == null || bestCoverage < MIN_COVERAGE * askedWeight) {
            return TextNode.valueOf("The reference text does not answer this question (\"" + question
                    + "\"); the answer has to be written from other knowledge.");
        }
        List<String> answer = best.answer().isEmpty() ? List.of(best.question()) : best.answer();
        return TextNode.valueOf(String.join(" ", answer.subList(0, Math.min(MAX_ANSWER_SENTENCES, answer.size()))));
    }

    private static Set<String> questionTerms(String question) {
        List<String> words = Text.words(question);
        Set<String> terms = new HashSet<>();
        for (int i = 0; i < words.size(); i++) {
            boolean answerKind = i > 0 && words.get(i - 1).equals("how") && ANSWER_KIND_WORDS.contains(words.get(i));
            if (!answerKind && Text.isContentWord(words.get(i))) {
                terms.add(Text.stem(words.get(i)));
            }
        }
        return terms;
    }

    /** FAQ entries (a question and the sentences up to the next one), or else one passage per sentence. */
    private static List<Passage> passages(List<String> sentences) {
        List<Passage> passages = new ArrayList<>();
        if (sentences.stream().noneMatch(AnswerFinder::isQuestion)) {
            sentences.forEach(s -> passages.add(new Passage(null, List.of(s), Text.terms(s))));
            return passages;
        }
        String question = null;
        List<String> answer = new ArrayList<>();
        for (String sentence : sentences) {
            if (isQuestion(sentence)) {
                addPassage(passages, question, answer);
                question = sentence.replaceFirst("^(?i)q[:.]\\s+", "");
                answer = new ArrayList<>();
            } else {
                answer.add(sentence.replaceFirst("^(?i)a[:.]\\s+", ""));
            }
        }
        addPassage(passages, question, answer);
        return passages;
    }

    private static void addPassage(List<Passage> passages, String question, List<String> answer) {
        if (question == null && answer.isEmpty()) {
            return;
        }
        List<String> terms = new ArrayList<>(question == null ? List.of() : Text.terms(question));
        answer.forEach(sentence -> terms.addAll(Text.terms(sentence)));
        passages.add(new Passage(question, List.copyOf(answer), terms));
    }

    private static boolean isQuestion(String sentence) {
        return sentence.endsWith("?");
    }

    private static Map<String, Double> inverseFrequencies(List<Passage> passages) {
        Map<String, Integer> passageFrequency = new HashMap<>();
        passages.forEach(p -> new HashSet<>(p.terms()).forEach(term -> passageFrequency.merge(term, 1, Integer::sum)));
        Map<String, Double> idf = new HashMap<>();
        passageFrequency.forEach((term, df) -> idf.put(term, Math.log((passages.size() + 1.0) / df) + 1.0));
        return idf;
    }
}
