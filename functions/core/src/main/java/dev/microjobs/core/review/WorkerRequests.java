package dev.microjobs.core.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.domain.DraftUse;
import dev.microjobs.core.validation.Violations;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/** Reads the bodies of the worker API's commands; anything off is a 400 with every problem listed. */
public final class WorkerRequests {
    private static final Set<String> CLAIM_FIELDS = Set.of("skill");
    private static final Set<String> SUBMIT_FIELDS = Set.of("output", "draftUsed");
    private static final int MAX_SKILL_LENGTH = 40;

    private WorkerRequests() {
    }

    /** What a worker hands in: the output (a string or any JSON value) and what they did with the draft. */
    public record SubmitRequest(JsonNode output, DraftUse draftUsed) {
    }

    /** The skill whose tasks the worker would rather get, if the body names one. */
    public static Optional<String> preferredSkill(ObjectNode body) {
        Violations violations = new Violations();
        unknownFields(body, CLAIM_FIELDS, violations);
        JsonNode skill = body.get("skill");
        if (skill != null && !skill.isNull() && !(skill.isTextual() && !skill.textValue().isBlank()
                && skill.textValue().length() <= MAX_SKILL_LENGTH)) {
            violations.add("skill", "must be one of your skills, as a string");
        }
        violations.throwIfAny();
        return skill == null || skill.isNull() ? Optional.empty() : Optional.of(skill.textValue());
    }

    public static SubmitRequest submission(ObjectNode body) {
        Violations violations = new Violations();
        unknownFields(body, SUBMIT_FIELDS, violations);
        JsonNode output = body.get("output");
        if (output == null || output.isNull()) {
            violations.add("output", "is required: the finished work, as a string or as JSON");
        } else if (output.isTextual() && output.textValue().isBlank()) {
            violations.add("output", "must not be empty");
        }
        JsonNode used = body.get("draftUsed");
        Optional<DraftUse> draftUse = used != null && used.isTextual()
                ? DraftUse.fromWireName(used.textValue()) : Optional.empty();
        if (draftUse.isEmpty()) {
            violations.add("draftUsed", "must be one of " + Arrays.stream(DraftUse.values()).map(DraftUse::wireName).toList());
        }
        violations.throwIfAny();
        return new SubmitRequest(output, draftUse.get());
    }

    private static void unknownFields(ObjectNode body, Set<String> known, Violations violations) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                violations.add(name.length() > 40 ? name.substring(0, 40) + "..." : name, "is not a known field");
            }
        }
    }
}
