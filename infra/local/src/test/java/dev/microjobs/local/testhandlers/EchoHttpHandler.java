package dev.microjobs.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers with a JSON summary of the event it got; the path /boom throws. */
public class EchoHttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (event.getRawPath().equals("/boom")) {
            throw new IllegalStateException("boom");
        }
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("routeKey", event.getRouteKey());
        echo.put("rawPath", event.getRawPath());
        echo.put("rawQueryString", event.getRawQueryString());
        echo.put("pathParameters", event.getPathParameters());
        echo.put("queryStringParameters", event.getQueryStringParameters());
        echo.put("headers", event.getHeaders());
        echo.put("cookies", event.getCookies());
        echo.put("body", event.getBody());
        echo.put("isBase64Encoded", event.getIsBase64Encoded());
        echo.put("method", event.getRequestContext().getHttp().getMethod());
        echo.put("stage", event.getRequestContext().getStage());
        echo.put("requestId", event.getRequestContext().getRequestId());
        echo.put("functionName", context.getFunctionName());
        echo.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
        echo.put("tableName", System.getProperty("TEST_TABLE"));
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(201)
                    .withHeaders(Map.of("content-type", "application/json", "x-echo", "yes"))
                    .withCookies(List.of("session=abc; Path=/"))
                    .withBody(JSON.writeValueAsString(echo))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
