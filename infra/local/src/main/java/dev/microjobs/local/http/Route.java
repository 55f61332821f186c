package dev.microjobs.local.http;

import dev.microjobs.local.lambda.LocalFunction;
import dev.microjobs.local.template.HttpApiRoute;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One HTTP API route of a function, compiled into path segments for matching. */
final class Route {

    /** How specific a path segment is; API Gateway prefers lower values. */
    enum SegmentKind { LITERAL, PARAMETER, GREEDY }

    private record Segment(SegmentKind kind, String text) {
    }

    /** A request matched to this route, with the values of its path parameters. */
    record Match(Route route, Map<String, String> pathParameters) {
    }

    private final HttpApiRoute definition;
    private final LocalFunction function;
    private final List<Segment> segments;

    Route(HttpApiRoute definition, LocalFunction function) {
        this.definition = definition;
        this.function = function;
        this.segments = definition.path().equals(HttpApiRoute.DEFAULT_ROUTE) ? List.of() : compile(definition.path());
    }

    HttpApiRoute definition() {
        return definition;
    }

    LocalFunction function() {
        return function;
    }

    boolean isDefaultRoute() {
        return definition.path().equals(HttpApiRoute.DEFAULT_ROUTE);
    }

    boolean isAnyMethod() {
        return definition.method().equals("ANY");
    }

    List<SegmentKind> specificity() {
        return segments.stream().map(Segment::kind).toList();
    }

    /** Matches a raw (still percent-encoded) request path such as {@code /v1/jobs/j%201}. */
    Optional<Match> match(String method, String rawPath) {
        if (!isAnyMethod() && !definition.method().equals(method)) {
            return Optional.empty();
        }
        if (isDefaultRoute()) {
            return Optional.of(new Match(this, Map.of()));
        }
        String[] parts = split(rawPath);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.kind() == SegmentKind.GREEDY) {
                String rest = String.join("/", Arrays.copyOfRange(parts, Math.min(i, parts.length), parts.length));
                if (rest.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.text(), decode(rest));
                return Optional.of(new Match(this, parameters));
            }
            if (i >= parts.length) {
                return Optional.empty();
            }
            if (segment.kind() == SegmentKind.LITERAL && !segment.text().equals(decode(parts[i]))) {
                return Optional.empty();
            }
            if (segment.kind() == SegmentKind.PARAMETER) {
                if (parts[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.text(), decode(parts[i]));
            }
        }
        return parts.length == segments.size() ? Optional.of(new Match(this, parameters)) : Optional.empty();
    }

    private static List<Segment> compile(String path) {
        List<Segment> compiled = new ArrayList<>();
        for (String part : split(path)) {
            if (part.startsWith("{") && part.endsWith("+}")) {
                compiled.add(new Segment(SegmentKind.GREEDY, part.substring(1, part.length() - 2)));
            } else if (part.startsWith("{") && part.endsWith("}")) {
                compiled.add(new Segment(SegmentKind.PARAMETER, part.substring(1, part.length() - 1)));
            } else {
                compiled.add(new Segment(SegmentKind.LITERAL, part));
            }
        }
        return compiled;
    }

    /** {@code /} is one empty segment, {@code /a/} is {@code a} and an empty one: a trailing slash is significant. */
    private static String[] split(String path) {
        return path.substring(1).split("/", -1);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
