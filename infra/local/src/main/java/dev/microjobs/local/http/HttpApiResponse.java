package dev.microjobs.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.local.lambda.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP response API Gateway makes of a function's result (payload format 2.0): an object with
 * {@code statusCode} is taken field by field; any other result is sent as a 200 JSON body.
 */
record HttpApiResponse(int status, Map<String, List<String>> headers, byte[] body) {

    static HttpApiResponse json(int status, String json) {
        return new HttpApiResponse(status, Map.of("content-type", List.of("application/json")),
                json.getBytes(StandardCharsets.UTF_8));
    }

    HttpApiResponse withHeader(String name, String value) {
        Map<String, List<String>> more = new LinkedHashMap<>(headers);
        more.put(name, List.of(value));
        return new HttpApiResponse(status, more, body);
    }

    static HttpApiResponse fromResult(JsonNode result) throws Exception {
        if (!result.isObject() || !result.has("statusCode")) {
            String body = result.isTextual() ? result.asText() : EventJson.MAPPER.writeValueAsString(result);
            return json(200, body);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        result.path("headers").fields().forEachRemaining(header ->
                headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>()).add(header.getValue().asText()));
        result.path("multiValueHeaders").fields().forEachRemaining(header ->
                header.getValue().forEach(value ->
                        headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>()).add(value.asText())));
        result.path("cookies").forEach(cookie ->
                headers.computeIfAbsent("set-cookie", name -> new ArrayList<>()).add(cookie.asText()));
        JsonNode body = result.get("body");
        byte[] bytes = body == null || body.isNull() ? new byte[0]
                : result.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body.asText())
                : body.asText().getBytes(StandardCharsets.UTF_8);
        return new HttpApiResponse(result.get("statusCode").asInt(), headers, bytes);
    }
}
