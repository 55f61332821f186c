package dev.microjobs.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an API Gateway HTTP API (payload 2.0) request that routes use. API Gateway
 * has already matched the route, so {@link #routeKey()} and the path parameters are trusted;
 * everything else came from the client.
 */
public record HttpRequest(
        String routeKey,
        Map<String, String> pathParameters,
        Map<String, String> queryParameters,
        Map<String, String> headers,
        byte[] body,
        String requestId) {

    public static HttpRequest from(APIGatewayV2HTTPEvent event) {
        String rawBody = event.getBody();
        byte[] body;
        if (rawBody == null) {
            body = new byte[0];
        } else if (event.getIsBase64Encoded()) {
            try {
                body = Base64.getDecoder().decode(rawBody);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body is not valid base64");
            }
        } else {
            body = rawBody.getBytes(StandardCharsets.UTF_8);
        }
        var context = event.getRequestContext();
        return new HttpRequest(
                event.getRouteKey(),
                orEmpty(event.getPathParameters()),
                orEmpty(event.getQueryStringParameters()),
                lowerCaseKeys(event.getHeaders()),
                body,
                context == null ? null : context.getRequestId());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(queryParameters.get(name));
    }

    /** A path parameter of the matched route; its absence means the route table and the template disagree. */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route " + routeKey + " has no path parameter " + name);
        }
        return value;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }

    // API Gateway lower-cases header names already; doing it again keeps tests and other sources honest.
    private static Map<String, String> lowerCaseKeys(Map<String, String> headers) {
        if (headers == null) {
            return Map.of();
        }
        var lower = new java.util.HashMap<String, String>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return Map.copyOf(lower);
    }
}
