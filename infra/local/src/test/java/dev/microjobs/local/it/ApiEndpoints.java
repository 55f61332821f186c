package dev.microjobs.local.it;

import dev.microjobs.local.template.HttpApiRoute;
import dev.microjobs.local.template.Template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every HTTP endpoint the template declares, each with who may call it. The list is read from
 * template.yaml, so a new route cannot slip past the tests that go through every endpoint: a
 * route with no audience here (or an audience for a route the template dropped) fails them.
 */
final class ApiEndpoints {

    /** Who an endpoint answers. */
    enum Audience {
        /** Anyone, with or without credentials: the worker UI's files and the OpenAPI document. */
        PUBLIC,
        /** A business API key; the path's {@code {id}}, if any, names one of that business's resources. */
        BUSINESS,
        /** A worker token; the path's {@code {id}}, if any, names one of that worker's claims. */
        WORKER
    }

    record Endpoint(String method, String path, Audience audience) {
        String routeKey() {
            return method + " " + path;
        }

        boolean hasId() {
            return path.contains("{id}");
        }

        /** The path with {@code id} (already percent-encoded where needed) for its parameter. */
        String pathWith(String id) {
            return path.replace("{id}", id);
        }
    }

    private static final Map<String, Audience> AUDIENCES = Map.ofEntries(
            Map.entry("GET /", Audience.PUBLIC),
            Map.entry("GET /app.js", Audience.PUBLIC),
            Map.entry("GET /app.css", Audience.PUBLIC),
            Map.entry("GET /v1/openapi.yaml", Audience.PUBLIC),
            Map.entry("POST /v1/jobs", Audience.BUSINESS),
            Map.entry("GET /v1/jobs", Audience.BUSINESS),
            Map.entry("GET /v1/jobs/{id}", Audience.BUSINESS),
            Map.entry("POST /v1/jobs/{id}/cancel", Audience.BUSINESS),
            Map.entry("GET /v1/jobs/{id}/tasks", Audience.BUSINESS),
            Map.entry("GET /v1/jobs/{id}/results", Audience.BUSINESS),
            Map.entry("POST /v1/jobs/{id}/approve", Audience.BUSINESS),
            Map.entry("GET /v1/jobs/{id}/events", Audience.BUSINESS),
            Map.entry("GET /v1/tasks/{id}", Audience.BUSINESS),
            Map.entry("POST /v1/tasks/{id}/approve", Audience.BUSINESS),
            Map.entry("POST /v1/tasks/{id}/reject", Audience.BUSINESS),
            Map.entry("GET /v1/account", Audience.BUSINESS),
            Map.entry("PUT /v1/account/webhook", Audience.BUSINESS),
            Map.entry("POST /v1/account/webhook-secret", Audience.BUSINESS),
            Map.entry("GET /v1/events", Audience.BUSINESS),
            Map.entry("POST /v1/worker/claims", Audience.WORKER),
            Map.entry("POST /v1/worker/claims/{id}/extend", Audience.WORKER),
            Map.entry("POST /v1/worker/claims/{id}/release", Audience.WORKER),
            Map.entry("POST /v1/worker/claims/{id}/submit", Audience.WORKER),
            Map.entry("GET /v1/worker/me", Audience.WORKER),
            Map.entry("GET /v1/worker/queue", Audience.WORKER));

    private ApiEndpoints() {
    }

    /** The template's HTTP API routes, in template order, each with its audience. */
    static List<Endpoint> of(Path templateFile) {
        List<HttpApiRoute> routes = Template.load(templateFile).functions().values().stream()
                .flatMap(function -> function.events(HttpApiRoute.class).stream())
                .toList();
        Set<String> declared = routes.stream().map(HttpApiRoute::routeKey).collect(Collectors.toCollection(TreeSet::new));
        Set<String> unmodelled = new TreeSet<>(declared);
        unmodelled.removeAll(AUDIENCES.keySet());
        Set<String> gone = new TreeSet<>(AUDIENCES.keySet());
        gone.removeAll(declared);
        if (!unmodelled.isEmpty() || !gone.isEmpty()) {
            throw new AssertionError("ApiEndpoints and " + templateFile + " disagree: routes without an audience "
                    + unmodelled + ", audiences of routes the template does not declare " + gone);
        }
        return routes.stream()
                .map(route -> new Endpoint(route.method(), route.path(), AUDIENCES.get(route.routeKey())))
                .toList();
    }
}
