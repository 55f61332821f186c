package dev.microjobs.core.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.accounts.AccountAdmin;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.validation.JobInputValidator;
import dev.microjobs.core.validation.Limits;
import dev.microjobs.core.validation.UrlGuard;
import dev.microjobs.core.validation.Violations;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the body of {@code POST /v1/jobs} into a {@link JobRequest}, or throws one
 * {@link dev.microjobs.core.validation.ValidationException} naming every field that is wrong.
 * Unknown fields are errors too: a typo in an optional field would otherwise be silently ignored.
 */
@Singleton
public class JobRequestReader {
    public static final int MAX_TASKS_PER_JOB = 1000;
    public static final long MAX_REWARD_MINOR_UNITS = 100_000_000;
    static final int MAX_TITLE = 200;
    static final int MAX_INSTRUCTIONS = 20_000;
    static final int MAX_PROMPT = 8_000;
    static final int MAX_SKILLS = 20;
    static final long DEFAULT_EXPIRES_IN = 7 * 24 * 3600;
    static final long MAX_EXPIRES_IN = 30 * 24 * 3600;
    static final long DEFAULT_AUTO_APPROVE_AFTER = 3 * 24 * 3600;
    static final long DEFAULT_LEASE = 600;
    static final long MAX_LEASE = 7200;

    private static final Set<String> FIELDS = Set.of("type", "title", "instructions", "reward", "assignments",
            "expiresInSeconds", "autoApproveAfterSeconds", "leaseSeconds", "skills", "draft", "callbackUrl", "inputs");
    private static final Set<String> REWARD_FIELDS = Set.of("amount", "currency");
    private static final Set<String> DRAFT_FIELDS = Set.of("provider", "prompt", "url", "maxTokens");
    static final int MAX_DRAFT_TOKENS = 100_000_000;

    private final JobInputValidator inputValidator;
    private final UrlGuard urlGuard;
    private final IntakePolicy policy;

    public JobRequestReader(JobInputValidator inputValidator, UrlGuard urlGuard, IntakePolicy policy) {
        this.inputValidator = inputValidator;
        this.urlGuard = urlGuard;
        this.policy = policy;
    }

    public JobRequest read(ObjectNode body, String accountCurrency) {
        Violations violations = new Violations();
        rejectUnknownFields(violations, "", body, FIELDS);

        Optional<String> typeName = inputValidator.jobType(violations, "type", body.get("type"));
        Optional<String> title = Limits.string(violations, "title", body.get("title"), 1, MAX_TITLE);
        Optional<String> instructions = Limits.string(violations, "instructions", body.get("instructions"), 1,
                MAX_INSTRUCTIONS);
        Optional<Money> reward = reward(violations, body.get("reward"), accountCurrency);
        int assignments = (int) optionalInt(violations, body, "assignments", 1, Job.MAX_ASSIGNMENTS, 1);
        long expiresIn = optionalInt(violations, body, "expiresInSeconds", 300, MAX_EXPIRES_IN, DEFAULT_EXPIRES_IN);
        long autoApprove = optionalInt(violations, body, "autoApproveAfterSeconds", 60, MAX_EXPIRES_IN,
                DEFAULT_AUTO_APPROVE_AFTER);
        long lease = optionalInt(violations, body, "leaseSeconds", 60, MAX_LEASE, DEFAULT_LEASE);
        Set<String> skills = skills(violations, body.get("skills"));
        Job.DraftSettings drafting = drafting(violations, body.get("draft"));
        URI callbackUrl = url(violations, "callbackUrl", body.get("callbackUrl"));
        List<ObjectNode> inputs = typeName.map(t -> inputs(violations, t, body.get("inputs"))).orElse(List.of());
        if (!inputs.isEmpty() && inputs.size() * (long) assignments > MAX_TASKS_PER_JOB) {
            violations.add("inputs", inputs.size() + " inputs x " + assignments + " assignments is "
                    + inputs.size() * assignments + " tasks; a job has at most " + MAX_TASKS_PER_JOB);
        }
        violations.throwIfAny();

        return new JobRequest(JobType.fromWireName(typeName.orElseThrow()).orElseThrow(), title.orElseThrow(),
                instructions.orElseThrow(), reward.orElseThrow(), assignments, expiresIn, autoApprove, lease,
                skills, drafting, callbackUrl, inputs);
    }

    private Optional<Money> reward(Violations violations, JsonNode node, String accountCurrency) {
        if (Limits.isAbsent(node)) {
            violations.add("reward", "is required, like {\"amount\": 25, \"currency\": \"" + accountCurrency + "\"}");
            return Optional.empty();
        }
        if (!node.isObject()) {
            violations.add("reward", "expected an object like {\"amount\": 25, \"currency\": \"" + accountCurrency + "\"}");
            return Optional.empty();
        }
        rejectUnknownFields(violations, "reward.", node, REWARD_FIELDS);
        var amount = Limits.minorUnits(violations, "reward.amount", node.get("amount"), MAX_REWARD_MINOR_UNITS);
        var currency = Limits.currency(violations, "reward.currency", node.get("currency"));
        if (currency.isPresent() && !currency.get().getCurrencyCode().equals(accountCurrency)) {
            violations.add("reward.currency", "your account is in " + accountCurrency
                    + "; rewards must be in the same currency, not " + currency.get().getCurrencyCode());
            return Optional.empty();
        }
        if (amount.isEmpty() || currency.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Money(amount.getAsLong(), accountCurrency));
    }

    private Job.DraftSettings drafting(Violations violations, JsonNode node) {
        if (Limits.isAbsent(node)) {
            return new Job.DraftSettings(policy.defaultDraftProvider(), null);
        }
        if (!node.isObject()) {
            violations.add("draft", "expected an object like {\"provider\": \"offline\"}");
            return null;
        }
        int problemsBefore = violations.count();
        rejectUnknownFields(violations, "draft.", node, DRAFT_FIELDS);
        DraftProviderName provider = policy.defaultDraftProvider();
        JsonNode providerNode = node.get("provider");
        if (!Limits.isAbsent(providerNode)) {
            Optional<DraftProviderName> named = providerNode.isTextual()
                    ? DraftProviderName.fromWireName(providerNode.asText()) : Optional.empty();
            if (named.isEmpty()) {
                violations.add("draft.provider", "expected one of offline, openai, bedrock, webhook, none");
            } else {
                provider = named.get();
            }
        }
        String prompt = Limits.isAbsent(node.get("prompt")) ? null
                : Limits.string(violations, "draft.prompt", node.get("prompt"), 1, MAX_PROMPT).orElse(null);
        URI webhookUrl = url(violations, "draft.url", node.get("url"));
        if (provider == DraftProviderName.WEBHOOK && webhookUrl == null && Limits.isAbsent(node.get("url"))) {
            violations.add("draft.url", "is required with the webhook provider: the URL that answers with a draft");
        } else if (provider != DraftProviderName.WEBHOOK && webhookUrl != null) {
            violations.add("draft.url", "is only used with the webhook provider");
        }
        Long maxTokens = null;
        if (!Limits.isAbsent(node.get("maxTokens"))) {
            OptionalInt cap = Limits.integer(violations, "draft.maxTokens", node.get("maxTokens"), 1, MAX_DRAFT_TOKENS);
            maxTokens = cap.isPresent() ? Long.valueOf(cap.getAsInt()) : null;
        }
        if (violations.count() != problemsBefore) {
            // Reported above; the settings' own checks would otherwise turn the mistake into a 500.
            return null;
        }
        return new Job.DraftSettings(provider, prompt, webhookUrl, maxTokens);
    }

    private List<ObjectNode> inputs(Violations violations, String type, JsonNode node) {
        Optional<ArrayNode> array = Limits.array(violations, "inputs", node, 1, MAX_TASKS_PER_JOB);
        List<ObjectNode> inputs = new ArrayList<>();
        array.ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                inputValidator.check(type, items.get(i), "inputs[" + i + "]", violations).ifPresent(inputs::add);
            }
        });
        return inputs;
    }

    private Set<String> skills(Violations violations, JsonNode node) {
        if (Limits.isAbsent(node)) {
            return Set.of();
        }
        Set<String> skills = new LinkedHashSet<>();
        Limits.array(violations, "skills", node, 0, MAX_SKILLS).ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                JsonNode skill = items.get(i);
                if (skill.isTextual() && AccountAdmin.SKILL.matcher(skill.asText()).matches()) {
                    skills.add(skill.asText());
                } else {
                    violations.add("skills[" + i + "]", "a skill is lower-case letters, digits and '-', up to 40");
                }
            }
        });
        return skills;
    }

    private URI url(Violations violations, String field, JsonNode node) {
        if (Limits.isAbsent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            violations.add(field, "expected a URL string");
            return null;
        }
        var problems = urlGuard.check(field, node.asText());
        if (!problems.isEmpty()) {
            violations.addAll(problems);
            return null;
        }
        return URI.create(node.asText());
    }

    private static long optionalInt(Violations violations, ObjectNode body, String field, long min, long max,
                                    long defaultValue) {
        JsonNode node = body.get(field);
        if (Limits.isAbsent(node)) {
            return defaultValue;
        }
        return Limits.integer(violations, field, node, Math.toIntExact(min), Math.toIntExact(max)).orElse((int) defaultValue);
    }

    private static void rejectUnknownFields(Violations violations, String prefix, JsonNode node, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                violations.add(prefix + name, "is not a field here; expected one of " + known.stream().sorted().toList());
            }
        }
    }
}
