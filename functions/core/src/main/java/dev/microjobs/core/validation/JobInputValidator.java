package dev.microjobs.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.validation.InputFields.TextFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Checks the input of one task against the rules of its job type, by the type's wire
 * name:
 *
 * <ul>
 *   <li>{@code tagline}: {@code brief} (1..4000 characters), optional {@code brand}
 *       (up to 200), {@code count} (1..20, default 5), {@code tone} (up to 100)</li>
 *   <li>{@code summary}: {@code text} (1..100,000), optional {@code format}
 *       ({@code summary} or {@code video-script}), {@code maxWords} (10..2000)</li>
 *   <li>{@code image-tagging}: {@code imageUrl}, optional {@code labels} (1..100
 *       distinct strings of up to 100 characters)</li>
 *   <li>{@code transcription}: {@code audioUrl}, optional {@code language} (a BCP 47
 *       tag of up to 35 characters)</li>
 *   <li>{@code chatbot-qa}: {@code question} (1..2000) and {@code text} (1..100,000)</li>
 *   <li>{@code data-entry}: exactly one of {@code text} (1..100,000) and
 *       {@code documentUrl}; optional {@code fields} (1..50 distinct identifier-like
 *       names of up to 100 characters)</li>
 *   <li>{@code custom}: any JSON object nested at most {@value #MAX_CUSTOM_DEPTH} deep</li>
 * </ul>
 *
 * <p>For every type the input must be a JSON object, no larger than
 * {@value #MAX_INPUT_BYTES} bytes of JSON ({@value #MAX_LONG_TEXT_INPUT_BYTES} for the
 * types that carry a 100,000-character text), with no NUL characters or unpaired
 * surrogates in its strings. Typed inputs refuse unknown members, so a misspelt field is
 * an error rather than silently ignored. URLs go through the {@link UrlGuard}.
 *
 * <p>Thread-safe: one instance can serve every request.
 */
public final class JobInputValidator {

    /** Largest input, as compact UTF-8 JSON, for types without a long text. */
    public static final int MAX_INPUT_BYTES = 64 * 1024;
    /**
     * Largest input for types with a 100,000-character text: those characters alone can
     * take 600,000 bytes of JSON (a control character is written as a six-byte escape),
     * so the 64 KiB bound would contradict the documented text limit.
     */
    public static final int MAX_LONG_TEXT_INPUT_BYTES = 640 * 1024;
    /** Deepest nesting of a custom input; the input object itself is depth 1. */
    public static final int MAX_CUSTOM_DEPTH = 20;

    private static final int MAX_LONG_TEXT = 100_000;
    private static final int MAX_JOB_TYPE_SHOWN = 50;
    private static final TextFormat LANGUAGE_TAG = new TextFormat(
            Pattern.compile("[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*"),
            "expected a BCP 47 language tag such as en or pt-BR");
    private static final TextFormat IDENTIFIER = new TextFormat(
            Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*"),
            "must start with a letter or underscore and contain only letters, digits, underscores and hyphens");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How large an input of a type may be, and the rules for its members. */
    private record InputType(int maxBytes, Consumer<InputFields> rules) {
    }

    private static final Map<String, InputType> TYPES = inputTypes();

    private final UrlGuard urlGuard;

    public JobInputValidator(UrlGuard urlGuard) {
        this.urlGuard = Objects.requireNonNull(urlGuard, "urlGuard");
    }

    /** The wire names of the job types, in documentation order. */
    public static List<String> jobTypes() {
        return List.copyOf(TYPES.keySet());
    }

    /**
     * Reads a required job type wire name from the request.
     *
     * @return the job type, or empty if a problem was reported under {@code field}
     */
    public Optional<String> jobType(Violations violations, String field, JsonNode node) {
        return Limits.string(violations, field, node, 1, Integer.MAX_VALUE).flatMap(type -> {
            if (TYPES.containsKey(type)) {
                return Optional.of(type);
            }
            String shown = type.length() <= MAX_JOB_TYPE_SHOWN ? type : type.substring(0, MAX_JOB_TYPE_SHOWN) + "…";
            violations.add(field, "unknown job type \"" + shown + "\"; expected one of " + String.join(", ", TYPES.keySet()));
            return Optional.empty();
        });
    }

    /**
     * Checks one task input, reporting problems under {@code path} (such as
     * {@code inputs[7]}, or {@code ""} for a bare input).
     *
     * @param jobType a wire name from {@link #jobTypes()}, already checked with {@link #jobType}
     * @return the input as it should be stored when it had no problem: the accepted
     *         members with defaults filled in and {@code null} members dropped (custom
     *         inputs are returned as given); empty when a problem was reported
     * @throws IllegalArgumentException if {@code jobType} is not a known wire name
     */
    public Optional<ObjectNode> check(String jobType, JsonNode input, String path, Violations violations) {
        InputType type = TYPES.get(jobType);
        if (type == null) {
            throw new IllegalArgumentException("unknown job type: " + jobType);
        }
        if (Limits.isAbsent(input)) {
            violations.add(path, "is required");
            return Optional.empty();
        }
        if (!input.isObject()) {
            violations.add(path, "expected a JSON object, got " + Limits.describe(input));
            return Optional.empty();
        }
        int problemsBefore = violations.count();
        InputFields fields = new InputFields((ObjectNode) input, path, violations, urlGuard);
        type.rules().accept(fields);
        fields.refuseUnknown();
        if (violations.count() != problemsBefore) {
            return Optional.empty();
        }
        // Measured last: serialising is the costliest check, and pointless once refused.
        if (!fitsInJson(input, type.maxBytes())) {
            violations.add(path, "must be at most " + type.maxBytes() / 1024 + " KiB of JSON");
            return Optional.empty();
        }
        return Optional.of(fields.accepted());
    }

    /**
     * Checks one task input on its own.
     *
     * @return the input as it should be stored (see {@link #check})
     * @throws ValidationException naming every problem under {@code path}
     */
    public ObjectNode validate(String jobType, JsonNode input, String path) {
        Violations violations = new Violations();
        Optional<ObjectNode> accepted = check(jobType, input, path, violations);
        violations.throwIfAny();
        return accepted.orElseThrow();
    }

    private static Map<String, InputType> inputTypes() {
        Map<String, InputType> types = new LinkedHashMap<>();
        types.put("tagline", new InputType(MAX_INPUT_BYTES, in -> {
            in.requiredText("brief", 1, 4000);
            in.optionalText("brand", 0, 200);
            in.integerWithDefault("count", 1, 20, 5);
            in.optionalText("tone", 0, 100);
        }));
        types.put("summary", new InputType(MAX_LONG_TEXT_INPUT_BYTES, in -> {
            in.requiredText("text", 1, MAX_LONG_TEXT);
            in.optionalChoice("format", List.of("summary", "video-script"));
            in.optionalInteger("maxWords", 10, 2000);
        }));
        types.put("image-tagging", new InputType(MAX_INPUT_BYTES, in -> {
            in.requiredUrl("imageUrl");
            in.optionalStringSet("labels", 1, 100, 100, TextFormat.ANY);
        }));
        types.put("transcription", new InputType(MAX_INPUT_BYTES, in -> {
            in.requiredUrl("audioUrl");
            in.optionalText("language", 35, LANGUAGE_TAG);
        }));
        types.put("chatbot-qa", new InputType(MAX_LONG_TEXT_INPUT_BYTES, in -> {
            in.requiredText("question", 1, 2000);
            in.requiredText("text", 1, MAX_LONG_TEXT);
        }));
        types.put("data-entry", new InputType(MAX_LONG_TEXT_INPUT_BYTES, in -> {
            boolean hasText = in.isPresent("text");
            boolean hasDocument = in.isPresent("documentUrl");
            if (hasText == hasDocument) {
                in.problem(hasText
                        ? "give either text or documentUrl, not both"
                        : "needs the source to enter data from: text or documentUrl");
            }
            in.optionalText("text", 1, MAX_LONG_TEXT);
            in.optionalUrl("documentUrl");
            in.optionalStringSet("fields", 1, 50, 100, IDENTIFIER);
        }));
        types.put("custom", new InputType(MAX_INPUT_BYTES, in -> in.freeForm(MAX_CUSTOM_DEPTH)));
        return Collections.unmodifiableMap(types);
    }

    /** Whether the compact JSON of {@code node} takes at most {@code maxBytes}, without building it. */
    private static boolean fitsInJson(JsonNode node, int maxBytes) {
        ByteCounter counter = new ByteCounter(maxBytes);
        try {
            JSON.writeValue(counter, node);
            return true;
        } catch (IOException e) {
            if (counter.exceeded) {
                return false;
            }
            throw new UncheckedIOException(e);
        }
    }

    /** Counts what is written and stops the writer once past the limit. */
    private static final class ByteCounter extends OutputStream {

        private final long limit;
        private long count;
        private boolean exceeded;

        ByteCounter(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(null, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            count += length;
            if (count > limit) {
                exceeded = true;
                throw new IOException("more than " + limit + " bytes");
            }
        }
    }
}
