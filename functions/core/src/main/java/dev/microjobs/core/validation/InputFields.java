package dev.microjobs.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the members of one task input, reporting problems under the input's path and
 * copying every accepted member into {@link #accepted()}.
 *
 * <p>The members a type's rules read are its known members; {@link #refuseUnknown()}
 * reports the rest, so the list of allowed members cannot drift from the checks. Missing
 * members and explicit {@code null}s are both "absent", so clients that serialise unset
 * fields as null work.
 */
final class InputFields {

    /**
     * A shape text must have, and what to tell the business when it does not.
     *
     * @param expectation the error message, such as "expected a BCP 47 language tag"
     */
    record TextFormat(Pattern pattern, String expectation) {

        static final TextFormat ANY = new TextFormat(Pattern.compile(".*", Pattern.DOTALL), "may be any text");

        boolean matches(String text) {
            return pattern.matcher(text).matches();
        }
    }

    private final ObjectNode input;
    private final String path;
    private final Violations violations;
    private final UrlGuard urlGuard;
    private final Set<String> known = new LinkedHashSet<>();
    private final ObjectNode accepted = JsonNodeFactory.instance.objectNode();
    private boolean freeForm;

    InputFields(ObjectNode input, String path, Violations violations, UrlGuard urlGuard) {
        this.input = input;
        this.path = path;
        this.violations = violations;
        this.urlGuard = urlGuard;
    }

    /** The accepted members, with defaults filled in. Complete only if no problem was reported. */
    ObjectNode accepted() {
        return accepted;
    }

    /** Reports every member the rules did not read: strictness catches typos such as "breif". */
    void refuseUnknown() {
        if (freeForm) {
            return;
        }
        for (Map.Entry<String, JsonNode> member : input.properties()) {
            if (!known.contains(member.getKey())) {
                violations.add(field(member.getKey()), "unknown field; expected one of " + String.join(", ", known));
            }
        }
    }

    /**
     * Accepts any members: checks every string and member name at any depth for unsafe
     * characters, and that nothing nests deeper than {@code maxDepth} (the input object
     * itself being depth 1).
     */
    void freeForm(int maxDepth) {
        freeForm = true;
        int before = violations.count();
        checkFreeForm(input, path, 1, maxDepth);
        if (violations.count() == before) {
            accepted.setAll(input.deepCopy());
        }
    }

    private void checkFreeForm(JsonNode node, String nodePath, int depth, int maxDepth) {
        if (node.isTextual()) {
            Limits.unsafeCharacterProblem(node.textValue()).ifPresent(problem -> violations.add(nodePath, problem));
            return;
        }
        if (!node.isContainerNode()) {
            return;
        }
        if (depth > maxDepth) {
            violations.add(nodePath, "nests deeper than " + maxDepth + " levels");
            return;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkFreeForm(node.get(i), FieldPath.element(nodePath, i), depth + 1, maxDepth);
            }
            return;
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String memberPath = FieldPath.member(nodePath, member.getKey());
            Limits.unsafeCharacterProblem(member.getKey()).ifPresent(problem -> violations.add(memberPath, "name " + problem));
            checkFreeForm(member.getValue(), memberPath, depth + 1, maxDepth);
        }
    }

    boolean isPresent(String name) {
        return !Limits.isAbsent(member(name));
    }

    /** Reports a problem with the input as a whole, such as a missing choice between two members. */
    void problem(String message) {
        violations.add(path, message);
    }

    void requiredText(String name, int minLength, int maxLength) {
        Limits.string(violations, field(name), member(name), minLength, maxLength)
                .ifPresent(value -> accepted.put(name, value));
    }

    void optionalText(String name, int minLength, int maxLength) {
        if (isPresent(name)) {
            requiredText(name, minLength, maxLength);
        }
    }

    /** An optional non-empty text in the given format. */
    void optionalText(String name, int maxLength, TextFormat format) {
        if (!isPresent(name)) {
            return;
        }
        Limits.string(violations, field(name), member(name), 1, maxLength).ifPresent(value -> {
            if (format.matches(value)) {
                accepted.put(name, value);
            } else {
                violations.add(field(name), format.expectation());
            }
        });
    }

    void optionalChoice(String name, List<String> choices) {
        if (!isPresent(name)) {
            return;
        }
        Limits.string(violations, field(name), member(name), 1, Integer.MAX_VALUE).ifPresent(value -> {
            if (choices.contains(value)) {
                accepted.put(name, value);
            } else {
                violations.add(field(name), "must be one of " + String.join(", ", choices));
            }
        });
    }

    void optionalInteger(String name, int min, int max) {
        if (isPresent(name)) {
            Limits.integer(violations, field(name), member(name), min, max).ifPresent(value -> accepted.put(name, value));
        }
    }

    void integerWithDefault(String name, int min, int max, int defaultValue) {
        if (isPresent(name)) {
            optionalInteger(name, min, max);
        } else {
            accepted.put(name, defaultValue);
        }
    }

    void requiredUrl(String name) {
        JsonNode node = member(name);
        if (Limits.isAbsent(node)) {
            violations.add(field(name), "is required");
        } else if (!node.isTextual()) {
            violations.add(field(name), "expected a URL string, got " + Limits.describe(node));
        } else {
            List<FieldError> problems = urlGuard.check(field(name), node.textValue());
            violations.addAll(problems);
            if (problems.isEmpty()) {
                accepted.put(name, node.textValue());
            }
        }
    }

    void optionalUrl(String name) {
        if (isPresent(name)) {
            requiredUrl(name);
        }
    }

    /** An optional array of {@code minSize..maxSize} distinct non-empty strings in the given format. */
    void optionalStringSet(String name, int minSize, int maxSize, int maxLength, TextFormat format) {
        if (!isPresent(name)) {
            return;
        }
        Optional<ArrayNode> array = Limits.array(violations, field(name), member(name), minSize, maxSize);
        if (array.isEmpty()) {
            return;
        }
        int before = violations.count();
        Set<String> seen = new HashSet<>();
        ArrayNode values = accepted.arrayNode();
        for (int i = 0; i < array.get().size(); i++) {
            String elementField = FieldPath.element(field(name), i);
            Optional<String> value = Limits.string(violations, elementField, array.get().get(i), 1, maxLength);
            if (value.isEmpty()) {
                continue;
            }
            if (!format.matches(value.get())) {
                violations.add(elementField, format.expectation());
            } else if (!seen.add(value.get())) {
                violations.add(elementField, "repeats \"" + value.get() + "\"");
            } else {
                values.add(value.get());
            }
        }
        if (violations.count() == before) {
            accepted.set(name, values);
        }
    }

    /** Reads a member and records it as known. */
    private JsonNode member(String name) {
        known.add(name);
        return input.get(name);
    }

    private String field(String name) {
        return FieldPath.member(path, name);
    }
}
