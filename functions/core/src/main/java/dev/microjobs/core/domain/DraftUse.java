package dev.microjobs.core.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What the worker did with the draft, as the worker reports it on submission. */
public enum DraftUse {
    ACCEPTED("accepted"),
    EDITED("edited"),
    DISCARDED("discarded");

    private final String wireName;

    DraftUse(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON and storage; Jackson reads and writes it through this. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<DraftUse> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(v -> v.wireName.equals(wireName)).findFirst();
    }
}
