package dev.microjobs.core.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The kind of work a job asks for; it selects the draft prompt and the worker UI. */
public enum JobType {
    TAGLINE("tagline"),
    SUMMARY("summary"),
    IMAGE_TAGGING("image-tagging"),
    TRANSCRIPTION("transcription"),
    CHATBOT_QA("chatbot-qa"),
    DATA_ENTRY("data-entry"),
    CUSTOM("custom");

    private final String wireName;

    JobType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON and storage; Jackson reads and writes it through this. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<JobType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(v -> v.wireName.equals(wireName)).findFirst();
    }
}
