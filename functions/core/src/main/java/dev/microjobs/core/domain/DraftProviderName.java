package dev.microjobs.core.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which AI hook drafts a job's tasks. NONE skips drafting: workers start from a blank
 * page. OFFLINE drafts on the machine itself, without any network, for local runs.
 */
public enum DraftProviderName {
    OFFLINE("offline"),
    OPENAI("openai"),
    BEDROCK("bedrock"),
    WEBHOOK("webhook"),
    NONE("none");

    private final String wireName;

    DraftProviderName(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON and storage; Jackson reads and writes it through this. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<DraftProviderName> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(v -> v.wireName.equals(wireName)).findFirst();
    }
}
