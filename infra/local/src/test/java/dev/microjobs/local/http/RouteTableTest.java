package dev.microjobs.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.microjobs.local.LocalStackException;
import dev.microjobs.local.lambda.LambdaFunction;
import dev.microjobs.local.lambda.LocalFunction;
import dev.microjobs.local.template.PseudoParameters;
import dev.microjobs.local.template.Template;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = RouteTable.of(functions("""
            Get: { Type: HttpApi, Properties: { Method: GET, Path: "/v1/jobs/{id}" } }
            Literal: { Type: HttpApi, Properties: { Method: GET, Path: /v1/jobs/open } }
            AnyJob: { Type: HttpApi, Properties: { Method: ANY, Path: "/v1/jobs/{id}" } }
            Proxy: { Type: HttpApi, Properties: { Method: ANY, Path: "/v1/{proxy+}" } }
            Root: { Type: HttpApi, Properties: { Method: GET, Path: / } }
            Fallback: { Type: HttpApi }
            """));

    @Test
    void prefersLiteralsThenParametersThenGreedyPaths() {
        assertEquals("GET /v1/jobs/open", routeKey("GET", "/v1/jobs/open"));
        assertEquals("GET /v1/jobs/{id}", routeKey("GET", "/v1/jobs/j-1"));
        assertEquals("ANY /v1/{proxy+}", routeKey("GET", "/v1/jobs/j-1/tasks"));
        assertEquals("GET /", routeKey("GET", "/"));
    }

    @Test
    void prefersAnExactMethodOverAny() {
        assertEquals("ANY /v1/jobs/{id}", routeKey("DELETE", "/v1/jobs/j-1"));
    }

    @Test
    void fallsBackToTheDefaultRoute() {
        assertEquals("$default", routeKey("POST", "/elsewhere"));
        assertEquals("$default", routeKey("GET", "/v2/"));
    }

    @Test
    void decodesPathParameters() {
        assertEquals(Map.of("id", "a b"), table.match("GET", "/v1/jobs/a%20b").orElseThrow().pathParameters());
        assertEquals(Map.of("proxy", "x/y"), table.match("PUT", "/v1/x/y").orElseThrow().pathParameters());
    }

    @Test
    void refusesTheSameRouteTwice() {
        LocalStackException error = assertThrows(LocalStackException.class, () -> RouteTable.of(functions("""
                One: { Type: HttpApi, Properties: { Method: GET, Path: /a } }
                Two: { Type: HttpApi, Properties: { Method: get, Path: /a } }
                """)));
        assertTrue(error.getMessage().contains("route GET /a is already declared by Resources.Api.Properties.Events.One"),
                error.getMessage());
    }

    private String routeKey(String method, String path) {
        return table.match(method, path).orElseThrow().route().definition().routeKey();
    }

    private static List<LocalFunction> functions(String events) {
        Template template = Template.parse("""
                Resources:
                  Api:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: dev.microjobs.local.testhandlers.EchoHttpHandler
                      Events:
                """ + events.indent(8), "test.yaml");
        return List.of(LambdaFunction.create(template.functions().get("Api"), PseudoParameters.LOCAL));
    }
}
