package dev.microjobs.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The events our functions take and the results they give, read from and written to the JSON
 * Lambda puts on the wire, field by field.
 *
 * <p>Why not the Lambda runtime's own serializer: for a {@code RequestHandler} it deserializes the
 * event with a shaded copy of Jackson databind plus mix-ins for every event class, some 1,100
 * classes loaded and initialised on every cold start (about 0.4 s of CPU on a java17 Lambda), next
 * to the Jackson the function already carries. Handlers are therefore stream handlers
 * ({@link FunctionHandler}) and use this instead.
 */
public final class LambdaEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LambdaEvents() {
    }

    /**
     * @param type the handler's event type: {@code APIGatewayV2HTTPEvent}, {@code SQSEvent}, or a
     *             {@code Map} for an event the handler reads no field of (e.g. a schedule's)
     * @throws IllegalArgumentException for any other type
     */
    public static Object read(InputStream input, Class<?> type) throws IOException {
        JsonNode json = JSON.readTree(input);
        if (type == APIGatewayV2HTTPEvent.class) {
            return httpEvent(json);
        }
        if (type == SQSEvent.class) {
            return sqsEvent(json);
        }
        if (type == Map.class) {
            return json.isObject() ? plain(json) : Map.of();
        }
        throw new IllegalArgumentException("no reader for Lambda events of type " + type.getName());
    }

    /** @throws IllegalArgumentException for a result that is none of the types {@link #read} takes or their responses */
    public static void write(Object result, OutputStream output) throws IOException {
        JSON.writeValue(output, toJson(result));
    }

    static JsonNode toJson(Object result) {
        if (result instanceof APIGatewayV2HTTPResponse response) {
            return httpResponse(response);
        }
        if (result instanceof SQSBatchResponse response) {
            return batchResponse(response);
        }
        return plainToJson(result);
    }

    /** The template's HTTP API has no authorizer (callers present API keys our code checks), so {@code authorizer} is not read. */
    static APIGatewayV2HTTPEvent httpEvent(JsonNode json) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(text(json, "version"));
        event.setRouteKey(text(json, "routeKey"));
        event.setRawPath(text(json, "rawPath"));
        event.setRawQueryString(text(json, "rawQueryString"));
        event.setCookies(list(json.get("cookies"), JsonNode::asText));
        event.setHeaders(textMap(json.get("headers")));
        event.setQueryStringParameters(textMap(json.get("queryStringParameters")));
        event.setPathParameters(textMap(json.get("pathParameters")));
        event.setStageVariables(textMap(json.get("stageVariables")));
        event.setBody(text(json, "body"));
        event.setIsBase64Encoded(json.path("isBase64Encoded").asBoolean(false));
        JsonNode context = json.get("requestContext");
        if (context != null && context.isObject()) {
            APIGatewayV2HTTPEvent.RequestContext requestContext = new APIGatewayV2HTTPEvent.RequestContext();
            requestContext.setRouteKey(text(context, "routeKey"));
            requestContext.setAccountId(text(context, "accountId"));
            requestContext.setStage(text(context, "stage"));
            requestContext.setApiId(text(context, "apiId"));
            requestContext.setDomainName(text(context, "domainName"));
            requestContext.setDomainPrefix(text(context, "domainPrefix"));
            requestContext.setTime(text(context, "time"));
            requestContext.setTimeEpoch(context.path("timeEpoch").asLong(0));
            requestContext.setRequestId(text(context, "requestId"));
            JsonNode http = context.get("http");
            if (http != null && http.isObject()) {
                APIGatewayV2HTTPEvent.RequestContext.Http details = new APIGatewayV2HTTPEvent.RequestContext.Http();
                details.setMethod(text(http, "method"));
                details.setPath(text(http, "path"));
                details.setProtocol(text(http, "protocol"));
                details.setSourceIp(text(http, "sourceIp"));
                details.setUserAgent(text(http, "userAgent"));
                requestContext.setHttp(details);
            }
            event.setRequestContext(requestContext);
        }
        return event;
    }

    static SQSEvent sqsEvent(JsonNode json) {
        SQSEvent event = new SQSEvent();
        event.setRecords(list(json.get("Records"), LambdaEvents::sqsMessage));
        return event;
    }

    private static SQSEvent.SQSMessage sqsMessage(JsonNode json) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(text(json, "messageId"));
        message.setReceiptHandle(text(json, "receiptHandle"));
        message.setBody(text(json, "body"));
        message.setMd5OfBody(text(json, "md5OfBody"));
        message.setMd5OfMessageAttributes(text(json, "md5OfMessageAttributes"));
        message.setEventSourceArn(text(json, "eventSourceARN"));
        message.setEventSource(text(json, "eventSource"));
        message.setAwsRegion(text(json, "awsRegion"));
        message.setAttributes(textMap(json.get("attributes")));
        JsonNode attributes = json.get("messageAttributes");
        if (attributes != null && attributes.isObject()) {
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new LinkedHashMap<>();
            attributes.fields().forEachRemaining(field -> messageAttributes.put(field.getKey(), messageAttribute(field.getValue())));
            message.setMessageAttributes(messageAttributes);
        }
        return message;
    }

    private static SQSEvent.MessageAttribute messageAttribute(JsonNode json) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setStringValue(text(json, "stringValue"));
        String binary = text(json, "binaryValue");
        attribute.setBinaryValue(binary == null ? null : binary(binary));
        attribute.setStringListValues(list(json.get("stringListValues"), JsonNode::asText));
        attribute.setBinaryListValues(list(json.get("binaryListValues"), value -> binary(value.asText())));
        attribute.setDataType(text(json, "dataType"));
        return attribute;
    }

    private static ObjectNode httpResponse(APIGatewayV2HTTPResponse response) {
        ObjectNode json = NODES.objectNode().put("statusCode", response.getStatusCode());
        if (response.getHeaders() != null) {
            ObjectNode headers = json.putObject("headers");
            response.getHeaders().forEach(headers::put);
        }
        if (response.getMultiValueHeaders() != null) {
            ObjectNode headers = json.putObject("multiValueHeaders");
            response.getMultiValueHeaders().forEach((name, values) -> values.forEach(headers.putArray(name)::add));
        }
        if (response.getCookies() != null) {
            ArrayNode cookies = json.putArray("cookies");
            response.getCookies().forEach(cookies::add);
        }
        if (response.getBody() != null) {
            json.put("body", response.getBody());
        }
        return json.put("isBase64Encoded", response.getIsBase64Encoded());
    }

    private static ObjectNode batchResponse(SQSBatchResponse response) {
        ObjectNode json = NODES.objectNode();
        ArrayNode failures = json.putArray("batchItemFailures");
        if (response.getBatchItemFailures() != null) {
            response.getBatchItemFailures().forEach(failure -> failures.addObject().put("itemIdentifier", failure.getItemIdentifier()));
        }
        return json;
    }

    /** A JSON object as maps, lists, strings, numbers, booleans and nulls. */
    private static Object plain(JsonNode json) {
        if (json.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            json.fields().forEachRemaining(field -> map.put(field.getKey(), plain(field.getValue())));
            return map;
        }
        if (json.isArray()) {
            List<Object> list = new ArrayList<>();
            json.forEach(element -> list.add(plain(element)));
            return list;
        }
        if (json.isNumber()) {
            return json.numberValue();
        }
        if (json.isBoolean()) {
            return json.booleanValue();
        }
        return json.isNull() ? null : json.asText();
    }

    private static JsonNode plainToJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode json = NODES.objectNode();
            map.forEach((key, element) -> json.set(String.valueOf(key), plainToJson(element)));
            return json;
        }
        if (value instanceof List<?> list) {
            ArrayNode json = NODES.arrayNode();
            list.forEach(element -> json.add(plainToJson(element)));
            return json;
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        throw new IllegalArgumentException("no writer for Lambda results of type " + value.getClass().getName());
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, String> textMap(JsonNode json) {
        if (json == null || !json.isObject()) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        json.fields().forEachRemaining(field -> map.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asText()));
        return map;
    }

    private static <T> List<T> list(JsonNode json, Function<JsonNode, T> element) {
        if (json == null || !json.isArray()) {
            return null;
        }
        List<T> list = new ArrayList<>(json.size());
        json.forEach(value -> list.add(element.apply(value)));
        return list;
    }

    private static ByteBuffer binary(String base64) {
        return ByteBuffer.wrap(Base64.getDecoder().decode(base64));
    }
}
