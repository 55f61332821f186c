package dev.microjobs.local.template;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads one entry of a function's {@code Events}. */
final class EventReader {

    private static final String REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";

    private EventReader() {
    }

    static FunctionEvent read(String name, YamlNode event) {
        YamlNode type = event.required("Type");
        YamlNode properties = event.optional("Properties")
                .orElseGet(() -> new YamlNode(Map.of(), event.source(), event.location() + ".Properties"));
        return switch (type.string()) {
            case "SQS" -> sqs(name, event.location(), properties);
            case "HttpApi" -> httpApi(name, event.location(), properties);
            case "Schedule" -> schedule(name, event.location(), properties, "Schedule", "Enabled");
            case "ScheduleV2" -> schedule(name, event.location(), properties, "ScheduleExpression", "State");
            default -> throw type.error("event type " + type.string() + " is not supported by the local stack");
        };
    }

    private static SqsEventSource sqs(String name, String location, YamlNode properties) {
        rejectIfPresent(properties, "FilterCriteria", "event filtering is not supported by the local stack");
        List<String> responseTypes = properties.optional("FunctionResponseTypes").map(YamlNode::strings).orElse(List.of());
        for (String responseType : responseTypes) {
            if (!responseType.equals(REPORT_BATCH_ITEM_FAILURES)) {
                throw properties.required("FunctionResponseTypes")
                        .error("expected " + REPORT_BATCH_ITEM_FAILURES + ", got \"" + responseType + "\"");
            }
        }
        return new SqsEventSource(
                name,
                location,
                References.queueArn(properties.required("Queue")),
                properties.optional("BatchSize").map(YamlNode::wholeNumber).orElse(SqsEventSource.DEFAULT_BATCH_SIZE),
                properties.optional("MaximumBatchingWindowInSeconds").map(YamlNode::wholeNumber).orElse(0),
                responseTypes.contains(REPORT_BATCH_ITEM_FAILURES),
                properties.optional("Enabled").map(YamlNode::bool).orElse(true),
                properties.optional("ScalingConfig").flatMap(scaling -> scaling.optional("MaximumConcurrency"))
                        .map(EventReader::maximumConcurrency).orElse(0));
    }

    private static int maximumConcurrency(YamlNode value) {
        int concurrency = value.wholeNumber();
        if (concurrency < 2 || concurrency > 1000) {
            throw value.error("MaximumConcurrency must be between 2 and 1000, got " + concurrency);
        }
        return concurrency;
    }

    private static HttpApiRoute httpApi(String name, String location, YamlNode properties) {
        properties.optional("PayloadFormatVersion").ifPresent(version -> {
            if (!version.string().equals("2.0")) {
                throw version.error("only payload format 2.0 is supported by the local stack, got \"" + version.string() + "\"");
            }
        });
        properties.optional("Auth").flatMap(auth -> auth.optional("Authorizer")).ifPresent(authorizer -> {
            if (!authorizer.string().equals("NONE")) {
                throw authorizer.error("authorizers are not supported by the local stack");
            }
        });
        if (properties.optional("Path").isEmpty() && properties.optional("Method").isEmpty()) {
            return new HttpApiRoute(name, location, "ANY", HttpApiRoute.DEFAULT_ROUTE);
        }
        YamlNode path = properties.required("Path");
        if (!path.string().startsWith("/")) {
            throw path.error("expected a path starting with /, got \"" + path.string() + "\"");
        }
        String method = properties.required("Method").string().toUpperCase(Locale.ROOT);
        return new HttpApiRoute(name, location, method, path.string());
    }

    private static ScheduleEvent schedule(String name, String location, YamlNode properties,
                                          String expressionKey, String stateKey) {
        rejectIfPresent(properties, "Input", "a fixed Input for scheduled events is not supported by the local stack");
        boolean enabled = properties.optional(stateKey)
                .map(state -> stateKey.equals("State") ? !state.string().equals("DISABLED") : state.bool())
                .orElse(true);
        return new ScheduleEvent(name, location, properties.required(expressionKey).string(), enabled);
    }

    private static void rejectIfPresent(YamlNode properties, String key, String problem) {
        properties.optional(key).ifPresent(value -> {
            throw value.error(problem);
        });
    }
}
