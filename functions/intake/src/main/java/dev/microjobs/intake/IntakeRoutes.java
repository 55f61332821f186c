package dev.microjobs.intake;

import dev.microjobs.aws.http.Routes;
import dev.microjobs.aws.http.StaticAsset;
import jakarta.inject.Singleton;

/** The business API's routes; their paths are declared in template.yaml. */
@Singleton
public class IntakeRoutes {
    private final Routes routes;

    public IntakeRoutes() {
        StaticAsset openApi = StaticAsset.load("/microjobs/openapi.yaml", "application/yaml");
        this.routes = Routes.builder()
                .on("GET /v1/openapi.yaml", request -> openApi.response())
                .build();
    }

    public Routes routes() {
        return routes;
    }
}
