package dev.microjobs.core.drafts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompt each task is drafted from: the job's own template
 * ({@code Job.DraftSettings.promptTemplate}) or the default for its type, filled from the
 * job and the task's input.
 *
 * <p>Placeholders are {@code {{name}}}, with optional spaces inside the braces:
 * <ul>
 *   <li>{@code {{title}}} and {@code {{instructions}}}: the job's (they win over input fields
 *       of the same name);
 *   <li>{@code {{input}}}: the whole input as pretty-printed JSON;
 *   <li>any other name: that input field, with dots for nested fields ({@code {{customer.name}}});
 *       strings are inserted as they are, every other value as JSON;
 *   <li>{@code {{name|fallback}}}: the fallback text when the field is absent.
 * </ul>
 * A placeholder that matches nothing and has no fallback is left in the prompt as written,
 * so whoever reads the prompt (a model, a worker, the business) sees what was missing
 * instead of a silently shortened sentence.
 */
public final class PromptTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*(?:\\|([^}]*))?}}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<JobType, String> DEFAULTS = new EnumMap<>(JobType.class);

    /** The fields a data-entry draft fills when the input does not list its own {@code fields}. */
    public static final List<String> DEFAULT_DATA_ENTRY_FIELDS = List.of(
            "date", "total", "email", "phone", "invoice_number", "order_number", "name", "company");

    static {
        DEFAULTS.put(JobType.TAGLINE, """
                You are drafting taglines for the job "{{title}}". A copywriter will review and edit your draft.
                Instructions from the business: {{instructions}}

                Task input (the brief, and the brand and tone when given):
                {{input}}

                Write {{count|5}} distinct taglines of at most 8 words each. Build them on the key ideas of the \
                brief, use the brand name where it reads naturally, and match the requested tone.
                Return only a JSON array of {{count|5}} strings, with no commentary.""");
        DEFAULTS.put(JobType.SUMMARY, """
                You are drafting a summary for the job "{{title}}". An editor will review and edit your draft.
                Instructions from the business: {{instructions}}

                Task input:
                {{input}}

                Summarize the text in at most {{maxWords|120}} words, keeping its main findings, figures and \
                recommendations, in the order the text gives them. If the input's "format" is "video-script", \
                write instead an outline for a 2-minute video script with the headings HOOK, SECTION 1, \
                SECTION 2, SECTION 3 and CALL TO ACTION, each with one or two short spoken lines.
                Return plain text only.""");
        DEFAULTS.put(JobType.CHATBOT_QA, """
                You are drafting an answer for a support chatbot for the job "{{title}}". A support agent will \
                review and edit your draft.
                Instructions from the business: {{instructions}}

                Question: {{question}}

                Reference text:
                {{text}}

                Answer the question in two to four sentences, using only facts from the reference text. If \
                the text does not answer it, say so plainly instead of guessing.
                Return plain text only.""");
        DEFAULTS.put(JobType.DATA_ENTRY, """
                You are drafting a data-entry record for the job "{{title}}". A clerk will check and correct \
                your draft.
                Instructions from the business: {{instructions}}

                Document text:
                {{text}}

                Fields to extract: {{fields|%s}}
                Return only a JSON object with exactly these fields as keys. Write dates as ISO 8601 \
                (YYYY-MM-DD), money as the amount with two decimals followed by the ISO currency code \
                (for example "1250.00 EUR"), and null for a field the document does not contain.""".formatted(
                        toJson(JSON.valueToTree(DEFAULT_DATA_ENTRY_FIELDS), false)));
        DEFAULTS.put(JobType.IMAGE_TAGGING, """
                You are drafting tags for an image for the job "{{title}}". A worker will check your tags \
                against the image.
                Instructions from the business: {{instructions}}

                Task input (with the image's location):
                {{input}}

                List up to {{maxTags|10}} short, lowercase tags for what the image shows, most important first.
                Return only a JSON array of strings.""");
        DEFAULTS.put(JobType.TRANSCRIPTION, """
                You are drafting a transcript for the job "{{title}}". A worker will correct it against the \
                recording.
                Instructions from the business: {{instructions}}

                Task input (with the recording's location):
                {{input}}

                Transcribe the recording verbatim, one paragraph per speaker turn.
                Return plain text only.""");
        DEFAULTS.put(JobType.CUSTOM, """
                You are drafting a micro-task for the job "{{title}}". A worker will review and edit your draft.
                Instructions from the business: {{instructions}}

                Task input:
                {{input}}

                Return plain text only.""");
    }

    private PromptTemplates() {
    }

    /** The built-in template for {@code type}. */
    public static String defaultTemplate(JobType type) {
        return DEFAULTS.get(type);
    }

    /** The job's own template when it has one, else the default for its type. */
    public static String templateFor(Job job) {
        String own = job.drafting().promptTemplate();
        return own != null && !own.isBlank() ? own : defaultTemplate(job.type());
    }

    /** The job's template filled from the job and {@code input}. */
    public static String prompt(Job job, JsonNode input) {
        return fill(templateFor(job), job, input);
    }

    /** {@code template} with its placeholders filled as the class comment describes. */
    public static String fill(String template, Job job, JsonNode input) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String fallback = matcher.group(2);
            String value = valueOf(name, job, input);
            if (value == null) {
                value = fallback != null ? fallback.strip() : matcher.group();
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static String valueOf(String name, Job job, JsonNode input) {
        return switch (name) {
            case "title" -> job.title();
            case "instructions" -> job.instructions();
            case "input" -> toJson(input, true);
            default -> {
                JsonNode field = input.at("/" + name.replace('.', '/'));
                yield field.isMissingNode() ? null : field.isTextual() ? field.asText() : toJson(field, false);
            }
        };
    }

    private static String toJson(JsonNode node, boolean pretty) {
        try {
            return pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) : JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
