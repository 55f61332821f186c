package dev.microjobs.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microjobs.core.errors.RateLimitedException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HttpExchangeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpExchange exchange = new HttpExchange(JSON);

    @Test
    void aRateLimitedRequestIs429WithRetryAfterAndAProblem() throws Exception {
        Routes routes = Routes.builder().on("GET /v1/account", request -> {
            throw new RateLimitedException("The rate limit of this business is 2 requests a second", 3);
        }).build();

        APIGatewayV2HTTPResponse response = exchange.serve(APIGatewayV2HTTPEvent.builder()
                .withRouteKey("GET /v1/account").withRawPath("/v1/account").build(), routes);

        assertEquals(429, response.getStatusCode());
        assertEquals("3", response.getHeaders().get("retry-after"));
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        JsonNode problem = JSON.readTree(response.getBody());
        assertEquals("urn:microjobs:problem:too-many-requests", problem.get("type").asText());
        assertEquals(429, problem.get("status").asInt());
        assertEquals("The rate limit of this business is 2 requests a second", problem.get("detail").asText());
    }
}
