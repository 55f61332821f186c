package dev.microjobs.core.drafts.offline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.core.drafts.DraftProviderException;
import java.util.Optional;

/** Reading the fields the offline drafts use from a task's input, leniently. */
final class OfflineInput {

    private OfflineInput() {
    }

    static Optional<String> text(JsonNode input, String field) {
        JsonNode value = input.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                ? Optional.of(value.asText().strip())
                : Optional.empty();
    }

    static Optional<String> firstText(JsonNode input, String... fields) {
        for (String field : fields) {
            Optional<String> value = text(input, field);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** A positive whole number from {@code field}, {@code fallback} when absent, at most {@code max}. */
    static int count(JsonNode input, String field, int fallback, int max) {
        JsonNode value = input.path(field);
        int count = value.canConvertToInt() || value.isTextual() ? value.asInt(fallback) : fallback;
        return Math.min(max, count > 0 ? count : fallback);
    }

    /** The input lacks what the offline draft needs; a retry would not change that. */
    static DraftProviderException missing(String what) {
        return DraftProviderException.permanent("the task input has no " + what + " to draft from");
    }
}
