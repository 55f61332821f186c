package dev.microjobs.review;

import dev.microjobs.aws.http.Routes;
import dev.microjobs.aws.http.StaticAsset;
import jakarta.inject.Singleton;

/** The worker API's and the worker UI's routes; their paths are declared in template.yaml. */
@Singleton
public class ReviewRoutes {
    private final Routes routes;

    public ReviewRoutes() {
        StaticAsset page = StaticAsset.load("/microjobs/web/index.html", "text/html; charset=utf-8");
        this.routes = Routes.builder()
                .on("GET /", request -> page.response())
                .build();
    }

    public Routes routes() {
        return routes;
    }
}
