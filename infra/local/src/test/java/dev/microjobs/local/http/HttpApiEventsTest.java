package dev.microjobs.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.microjobs.local.template.HttpApiRoute;
import dev.microjobs.local.template.PseudoParameters;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpApiEventsTest {

    private static final Route.Match JOBS = new Route.Match(
            new Route(new HttpApiRoute("Submit", "test", "POST", "/v1/jobs"), null), Map.of());

    @ParameterizedTest
    @ValueSource(strings = {";", ";;", " ; charset=utf-8", ""})
    void aContentTypeWithoutAMediaTypeIsBinary(String contentType) {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPEvent event = HttpApiEvents.of(request(contentType, body), JOBS, PseudoParameters.LOCAL, "req-1");

        assertTrue(event.getIsBase64Encoded());
        assertEquals(Base64.getEncoder().encodeToString(body), event.getBody());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "text/plain;", "application/problem+json"})
    void textBodiesArePassedAsText(String contentType) {
        APIGatewayV2HTTPEvent event = HttpApiEvents.of(request(contentType, "{}".getBytes(StandardCharsets.UTF_8)),
                JOBS, PseudoParameters.LOCAL, "req-1");

        assertFalse(event.getIsBase64Encoded());
        assertEquals("{}", event.getBody());
        assertEquals("req-1", event.getRequestContext().getRequestId());
    }

    private static HttpRequest request(String contentType, byte[] body) {
        return new HttpRequest("POST", "/v1/jobs", "", Map.of("content-type", List.of(contentType)), body,
                "127.0.0.1", "HTTP/1.1");
    }
}
