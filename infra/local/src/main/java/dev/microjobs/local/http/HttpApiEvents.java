package dev.microjobs.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.microjobs.local.template.PseudoParameters;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the {@link APIGatewayV2HTTPEvent} (payload format 2.0) an HTTP API sends for a request. */
final class HttpApiEvents {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private HttpApiEvents() {
    }

    static APIGatewayV2HTTPEvent of(HttpRequest request, Route.Match match, PseudoParameters account, String requestId) {
        Instant now = Instant.now();
        String host = request.header("host") == null ? "127.0.0.1" : request.header("host");
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            if (!name.equals("cookie")) {
                headers.put(name, String.join(",", values));
            }
        });
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(match.route().definition().routeKey());
        event.setRawPath(request.rawPath());
        event.setRawQueryString(request.rawQuery());
        event.setCookies(cookies(request));
        event.setHeaders(headers);
        event.setQueryStringParameters(queryParameters(request.rawQuery()));
        event.setPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters());
        setBody(event, request);
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(request.method());
        http.setPath(request.rawPath());
        http.setProtocol(request.protocol());
        http.setSourceIp(request.sourceIp());
        http.setUserAgent(request.header("user-agent"));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId(account.accountId());
        context.setApiId("local");
        context.setDomainName(host);
        context.setDomainPrefix(host.split("[.:]")[0]);
        context.setHttp(http);
        context.setRequestId(requestId);
        context.setRouteKey(event.getRouteKey());
        context.setStage("$default");
        context.setTime(REQUEST_TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());
        event.setRequestContext(context);
        return event;
    }

    private static List<String> cookies(HttpRequest request) {
        List<String> cookies = new ArrayList<>();
        for (String header : request.headers().getOrDefault("cookie", List.of())) {
            for (String cookie : header.split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.trim());
                }
            }
        }
        return cookies.isEmpty() ? null : cookies;
    }

    /** Repeated parameters are joined with commas, as HTTP APIs do. */
    private static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(name, value, (first, second) -> first + "," + second);
        }
        return parameters;
    }

    /** Text bodies are passed as they are; anything else base64-encoded with {@code isBase64Encoded}. */
    private static void setBody(APIGatewayV2HTTPEvent event, HttpRequest request) {
        if (request.body().length == 0) {
            event.setIsBase64Encoded(false);
            return;
        }
        String contentType = request.header("content-type");
        boolean text = contentType == null ? isUtf8(request.body()) : isTextual(contentType);
        event.setIsBase64Encoded(!text);
        event.setBody(text
                ? new String(request.body(), StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(request.body()));
    }

    private static boolean isTextual(String contentType) {
        // The limit keeps the empty media type of ";" rather than an empty array.
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        return type.startsWith("text/")
                || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml")
                || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/javascript") || type.equals("application/yaml")
                || type.equals("application/x-yaml") || type.equals("application/graphql");
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
