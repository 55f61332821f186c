package dev.microjobs.core.drafts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.microjobs.core.domain.JobType;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a model wrote into draft content of the shape the job type expects: a JSON
 * array for taglines and image tags, a JSON object for data entry, text for the rest.
 *
 * <p>Models are sloppy about JSON: they wrap it in Markdown fences, and in JSON mode
 * (which only allows objects) they wrap an array in an object. Both are undone here. Text
 * that still is not the expected JSON is kept as text: a worker can fix a draft that is
 * slightly off, and that beats no draft at all.
 */
public final class DraftContent {

    /** The shape of a job type's draft content. */
    public enum Shape { TEXT, ARRAY, OBJECT }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCED = Pattern.compile("^```[A-Za-z]*\\s*\\n(.*?)\\n?```$", Pattern.DOTALL);

    private DraftContent() {
    }

    public static Shape shapeOf(JobType type) {
        return switch (type) {
            case TAGLINE, IMAGE_TAGGING -> Shape.ARRAY;
            case DATA_ENTRY -> Shape.OBJECT;
            case SUMMARY, TRANSCRIPTION, CHATBOT_QA, CUSTOM -> Shape.TEXT;
        };
    }

    /**
     * The draft content for {@code type} in {@code modelText}.
     *
     * @throws DraftProviderException if the model wrote nothing
     */
    public static JsonNode fromModelText(JobType type, String modelText) {
        if (modelText == null || modelText.isBlank()) {
            throw DraftProviderException.permanent("the model returned an empty draft");
        }
        String text = modelText.strip();
        Shape shape = shapeOf(type);
        if (shape == Shape.TEXT) {
            return TextNode.valueOf(text);
        }
        JsonNode parsed = parseJson(unfenced(text));
        if (parsed == null) {
            return TextNode.valueOf(text);
        }
        if (shape == Shape.ARRAY) {
            JsonNode array = parsed.isArray() ? parsed : onlyArrayField(parsed);
            return array != null ? array : TextNode.valueOf(text);
        }
        return parsed.isObject() ? parsed : TextNode.valueOf(text);
    }

    /**
     * Content given as JSON (a webhook's {@code draft}): a string is read like model text,
     * anything else is kept as given.
     */
    public static JsonNode fromJson(JobType type, JsonNode draft) {
        if (draft == null || draft.isNull() || draft.isMissingNode()) {
            throw DraftProviderException.permanent("the response has no draft");
        }
        return draft.isTextual() ? fromModelText(type, draft.asText()) : draft;
    }

    private static String unfenced(String text) {
        Matcher fenced = FENCED.matcher(text);
        return fenced.matches() ? fenced.group(1).strip() : text;
    }

    private static JsonNode parseJson(String text) {
        if (!(text.startsWith("{") || text.startsWith("["))) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static JsonNode onlyArrayField(JsonNode object) {
        if (!object.isObject() || object.size() != 1) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        JsonNode value = fields.next().getValue();
        return value.isArray() ? value : null;
    }
}
