package dev.microjobs.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsAnHttpApiEventAsApiGatewaySendsIt() throws IOException {
        APIGatewayV2HTTPEvent event = (APIGatewayV2HTTPEvent) LambdaEvents.read(stream("""
                {"version": "2.0", "routeKey": "POST /v1/jobs/{id}/cancel", "rawPath": "/v1/jobs/job_1/cancel",
                 "rawQueryString": "a=1", "cookies": ["c=1"],
                 "headers": {"authorization": "Bearer mjb_x", "content-type": "application/json"},
                 "queryStringParameters": {"a": "1"}, "pathParameters": {"id": "job_1"},
                 "requestContext": {"accountId": "123456789012", "apiId": "api", "domainName": "api.example.com",
                   "domainPrefix": "api", "requestId": "req-1", "routeKey": "POST /v1/jobs/{id}/cancel", "stage": "$default",
                   "time": "22/Nov/2026:06:00:00 +0000", "timeEpoch": 1795327200000,
                   "http": {"method": "POST", "path": "/v1/jobs/job_1/cancel", "protocol": "HTTP/1.1",
                            "sourceIp": "203.0.113.10", "userAgent": "curl/8.5.0"}},
                 "body": "eyJhIjoxfQ==", "isBase64Encoded": true}
                """), APIGatewayV2HTTPEvent.class);

        assertEquals("2.0", event.getVersion());
        assertEquals("POST /v1/jobs/{id}/cancel", event.getRouteKey());
        assertEquals("/v1/jobs/job_1/cancel", event.getRawPath());
        assertEquals("a=1", event.getRawQueryString());
        assertEquals(List.of("c=1"), event.getCookies());
        assertEquals(Map.of("authorization", "Bearer mjb_x", "content-type", "application/json"), event.getHeaders());
        assertEquals(Map.of("a", "1"), event.getQueryStringParameters());
        assertEquals(Map.of("id", "job_1"), event.getPathParameters());
        assertNull(event.getStageVariables());
        assertEquals("eyJhIjoxfQ==", event.getBody());
        assertTrue(event.getIsBase64Encoded());
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        assertEquals("req-1", context.getRequestId());
        assertEquals("123456789012", context.getAccountId());
        assertEquals("$default", context.getStage());
        assertEquals(1795327200000L, context.getTimeEpoch());
        assertEquals("POST", context.getHttp().getMethod());
        assertEquals("203.0.113.10", context.getHttp().getSourceIp());
    }

    @Test
    void readsAnHttpApiEventWithoutOptionalParts() throws IOException {
        APIGatewayV2HTTPEvent event = (APIGatewayV2HTTPEvent) LambdaEvents.read(stream("""
                {"routeKey": "GET /v1/account", "headers": {"host": "x"}}"""), APIGatewayV2HTTPEvent.class);

        assertEquals("GET /v1/account", event.getRouteKey());
        assertNull(event.getBody());
        assertFalse(event.getIsBase64Encoded());
        assertNull(event.getPathParameters());
        assertNull(event.getRequestContext());
    }

    @Test
    void readsAnSqsEventWithItsWireNames() throws IOException {
        SQSEvent event = (SQSEvent) LambdaEvents.read(stream("""
                {"Records": [{"messageId": "m-1", "receiptHandle": "r-1", "body": "{\\"jobId\\":\\"job_1\\"}",
                  "attributes": {"ApproximateReceiveCount": "2"},
                  "messageAttributes": {"kind": {"stringValue": "draft", "stringListValues": [], "binaryListValues": ["AAE="],
                                                 "dataType": "String"},
                                        "blob": {"binaryValue": "AQI=", "dataType": "Binary"}},
                  "md5OfBody": "abc", "md5OfMessageAttributes": "def", "eventSource": "aws:sqs",
                  "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:DraftsQueue", "awsRegion": "us-east-1"}]}
                """), SQSEvent.class);

        SQSEvent.SQSMessage message = event.getRecords().get(0);
        assertEquals("m-1", message.getMessageId());
        assertEquals("r-1", message.getReceiptHandle());
        assertEquals("{\"jobId\":\"job_1\"}", message.getBody());
        assertEquals(Map.of("ApproximateReceiveCount", "2"), message.getAttributes());
        assertEquals("abc", message.getMd5OfBody());
        assertEquals("def", message.getMd5OfMessageAttributes());
        assertEquals("aws:sqs", message.getEventSource());
        assertEquals("arn:aws:sqs:us-east-1:123456789012:DraftsQueue", message.getEventSourceArn());
        assertEquals("us-east-1", message.getAwsRegion());
        SQSEvent.MessageAttribute kind = message.getMessageAttributes().get("kind");
        assertEquals("draft", kind.getStringValue());
        assertEquals("String", kind.getDataType());
        assertEquals(List.of(ByteBuffer.wrap(new byte[]{0, 1})), kind.getBinaryListValues());
        assertEquals(ByteBuffer.wrap(new byte[]{1, 2}), message.getMessageAttributes().get("blob").getBinaryValue());
    }

    @Test
    void readsAScheduleEventAsAPlainMap() throws IOException {
        Object event = LambdaEvents.read(stream("""
                {"id": "e-1", "detail-type": "Scheduled Event", "resources": ["arn:x"], "detail": {}, "n": 3, "ok": true, "none": null}"""),
                Map.class);

        assertEquals(Map.of("id", "e-1", "detail-type", "Scheduled Event", "resources", List.of("arn:x"), "detail", Map.of(),
                "n", 3, "ok", true), withoutNulls((Map<?, ?>) event));
        assertTrue(((Map<?, ?>) event).containsKey("none"));
    }

    @Test
    void refusesAnEventTypeItHasNoReaderFor() {
        assertThrows(IllegalArgumentException.class, () -> LambdaEvents.read(stream("{}"), String.class));
    }

    @Test
    void writesAnHttpResponseAsApiGatewayReadsIt() throws IOException {
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                .withHeaders(Map.of("content-type", "application/json")).withMultiValueHeaders(Map.of("vary", List.of("a", "b")))
                .withBody("{\"id\":\"job_1\"}").build();

        JsonNode json = written(response);

        assertEquals(201, json.get("statusCode").asInt());
        assertEquals("application/json", json.path("headers").path("content-type").asText());
        assertEquals("b", json.path("multiValueHeaders").path("vary").get(1).asText());
        assertEquals("{\"id\":\"job_1\"}", json.get("body").asText());
        assertFalse(json.get("isBase64Encoded").asBoolean());
        assertFalse(json.has("cookies"));
    }

    @Test
    void writesBatchItemFailures() throws IOException {
        JsonNode json = written(new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("m-2"))));

        assertEquals("m-2", json.path("batchItemFailures").get(0).path("itemIdentifier").asText());
    }

    @Test
    void writesAPlainMapResult() throws IOException {
        JsonNode json = written(Map.of("expiredLeases", 2));

        assertEquals(2, json.path("expiredLeases").asInt());
    }

    private static JsonNode written(Object result) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        LambdaEvents.write(result, output);
        return JSON.readTree(output.toByteArray());
    }

    private static Map<?, ?> withoutNulls(Map<?, ?> map) {
        Map<Object, Object> copy = new java.util.HashMap<>(map);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
