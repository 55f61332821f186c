package dev.microjobs.aws.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A function's routes, keyed by API Gateway route key ({@code "POST /v1/jobs/{id}/cancel"}).
 * API Gateway does the path matching from template.yaml, so dispatch is a map lookup and the
 * template stays the one place where routes are declared.
 */
public final class Routes {
    private final Map<String, Route> byRouteKey;

    private Routes(Map<String, Route> byRouteKey) {
        this.byRouteKey = Map.copyOf(byRouteKey);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Route> find(String routeKey) {
        return Optional.ofNullable(routeKey).map(byRouteKey::get);
    }

    public static final class Builder {
        private final Map<String, Route> routes = new LinkedHashMap<>();

        public Builder on(String routeKey, Route route) {
            if (routes.putIfAbsent(routeKey, route) != null) {
                throw new IllegalArgumentException("route declared twice: " + routeKey);
            }
            return this;
        }

        public Routes build() {
            return new Routes(routes);
        }
    }
}
