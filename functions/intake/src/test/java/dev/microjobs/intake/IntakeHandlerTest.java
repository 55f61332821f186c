package dev.microjobs.intake;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntakeHandlerTest {
    private static IntakeHandler handler;

    @BeforeAll
    static void createAsLambdaDoes() {
        // What Lambda's environment provides; the SDK clients are built at start but call nothing here.
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("TABLE_NAME", "MicrojobsTable");
        System.setProperty("DRAFTS_QUEUE_URL", "http://127.0.0.1:9324/000000000000/DraftsQueue");
        System.setProperty("PAYOUTS_QUEUE_URL", "http://127.0.0.1:9324/000000000000/PayoutsQueue");
        System.setProperty("EVENTS_QUEUE_URL", "http://127.0.0.1:9324/000000000000/EventsQueue");
        System.setProperty("RATE_LIMIT_BUSINESS_PER_SECOND", "25");
        System.setProperty("RATE_LIMIT_BUSINESS_BURST", "100");
        handler = new IntakeHandler();
    }

    @AfterAll
    static void close() {
        handler.close();
    }

    @Test
    void servesTheOpenApiDocument() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET /v1/openapi.yaml"), null);

        assertEquals(200, response.getStatusCode());
        assertEquals("application/yaml", response.getHeaders().get("content-type"));
        assertTrue(response.getBody().startsWith("openapi: 3"));
    }

    @Test
    void answersAnUnknownRouteWithAProblem() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET /v1/nothing"), null);

        assertEquals(404, response.getStatusCode());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        assertTrue(response.getBody().contains("\"type\":\"urn:microjobs:problem:not-found\""));
    }

    private static APIGatewayV2HTTPEvent event(String routeKey) {
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey(routeKey)
                .withRawPath(routeKey.split(" ")[1])
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-1").build())
                .build();
    }
}
