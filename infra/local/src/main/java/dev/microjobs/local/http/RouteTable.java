package dev.microjobs.local.http;

import dev.microjobs.local.LocalStackException;
import dev.microjobs.local.lambda.LocalFunction;
import dev.microjobs.local.template.HttpApiRoute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@code HttpApi} route of every function, selected as API Gateway HTTP APIs select them:
 * the most specific path wins (a literal segment over {@code {param}} over {@code {proxy+}}),
 * then an exact method over {@code ANY}, and {@code $default} only when nothing else matches.
 */
public final class RouteTable {

    private static final Comparator<Route> MOST_SPECIFIC_FIRST = Comparator
            .comparing(Route::isDefaultRoute)
            .thenComparing(Route::specificity, RouteTable::compareSegmentKinds)
            .thenComparing(Route::isAnyMethod);

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = routes;
    }

    /** Builds the table; two functions declaring the same route key is a startup error naming both. */
    public static RouteTable of(List<? extends LocalFunction> functions) {
        List<Route> routes = new ArrayList<>();
        Map<String, Route> byKey = new HashMap<>();
        for (LocalFunction function : functions) {
            for (HttpApiRoute definition : function.definition().events(HttpApiRoute.class)) {
                Route route = new Route(definition, function);
                Route clash = byKey.putIfAbsent(definition.routeKey(), route);
                if (clash != null) {
                    throw new LocalStackException(definition.location() + ": route " + definition.routeKey()
                            + " is already declared by " + clash.definition().location());
                }
                routes.add(route);
            }
        }
        routes.sort(MOST_SPECIFIC_FIRST);
        return new RouteTable(routes);
    }

    public List<HttpApiRoute> routes() {
        return routes.stream().map(Route::definition).toList();
    }

    Optional<Route.Match> match(String method, String rawPath) {
        return routes.stream()
                .map(route -> route.match(method, rawPath))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static int compareSegmentKinds(List<Route.SegmentKind> left, List<Route.SegmentKind> right) {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int byKind = left.get(i).compareTo(right.get(i));
            if (byKind != 0) {
                return byKind;
            }
        }
        return Integer.compare(right.size(), left.size());
    }
}
