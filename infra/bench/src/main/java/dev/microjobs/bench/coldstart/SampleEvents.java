package dev.microjobs.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.local.lambda.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The realistic events under {@code events/} at the repository root, one per function, as Lambda puts
 * them on the wire. They name ids and keys as {@code ${PLACEHOLDERS}}, filled from the running stack
 * (a business key, a job, an event...) and, per rendering, fresh request ids, idempotency keys and times.
 */
final class SampleEvents {

    /** Which file each function of the template is cold-started with. */
    static final Map<String, String> FILES = Map.of(
            "IntakeFunction", "intake-submit-job.json",
            "ReviewFunction", "review-worker-queue.json",
            "DraftsFunction", "drafts-draft-request.json",
            "PayoutsFunction", "payouts-settle-worker.json",
            "NotifierFunction", "notifier-event.json",
            "SweeperFunction", "sweeper-every-minute.json");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    /** Values go into JSON strings unescaped, so they must not need escaping. */
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9_:./+=#@ -]*");
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Map<String, String> stackValues;

    SampleEvents(Path directory, Map<String, String> stackValues) {
        this.directory = directory;
        this.stackValues = Map.copyOf(stackValues);
    }

    /** {@code function}'s event with every placeholder filled; new request ids each time. */
    byte[] render(String function) throws IOException {
        String file = FILES.get(function);
        if (file == null) {
            throw new IllegalArgumentException("no sample event for " + function + "; add one under events/ and to SampleEvents.FILES");
        }
        String template = Files.readString(directory.resolve(file), StandardCharsets.UTF_8);
        JsonNode event = EventJson.MAPPER.readTree(fill(template, perRendering()));
        for (JsonNode record : event.path("Records")) {
            ((ObjectNode) record).put("md5OfBody", md5(record.path("body").asText()));
        }
        return EventJson.MAPPER.writeValueAsBytes(event);
    }

    private Map<String, String> perRendering() {
        Instant now = Instant.now();
        Map<String, String> values = new HashMap<>(stackValues);
        values.put("REQUEST_ID", UUID.randomUUID().toString());
        values.put("MESSAGE_ID", UUID.randomUUID().toString());
        values.put("IDEMPOTENCY_KEY", UUID.randomUUID().toString());
        values.put("NOW_EPOCH_MILLIS", Long.toString(now.toEpochMilli()));
        values.put("NOW_ISO", now.toString());
        values.put("REQUEST_TIME", REQUEST_TIME.format(now));
        values.put("BODY_MD5", "");
        return values;
    }

    static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for ${" + matcher.group(1) + "}");
            }
            if (!SAFE_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("${" + matcher.group(1) + "} = \"" + value + "\" would need JSON escaping");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
