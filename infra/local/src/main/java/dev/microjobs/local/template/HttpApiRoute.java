package dev.microjobs.local.template;

/**
 * An {@code HttpApi} event: a route of an HTTP API (payload format 2.0).
 *
 * @param method an HTTP method in upper case, or {@code ANY}
 * @param path a path such as {@code /v1/jobs/{id}} or {@code /{proxy+}}, or {@code $default}
 */
public record HttpApiRoute(String eventName, String location, String method, String path) implements FunctionEvent {

    public static final String DEFAULT_ROUTE = "$default";

    /** The route key API Gateway puts into events: {@code GET /v1/jobs/{id}}, or {@code $default}. */
    public String routeKey() {
        return DEFAULT_ROUTE.equals(path) ? DEFAULT_ROUTE : method + " " + path;
    }
}
