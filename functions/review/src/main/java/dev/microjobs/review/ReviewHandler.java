package dev.microjobs.review;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microjobs.aws.http.HttpExchange;
import dev.microjobs.aws.FunctionHandler;
import jakarta.inject.Inject;

/** Lambda entry point of the worker API and the worker web UI. */
public class ReviewHandler extends FunctionHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    @Inject
    HttpExchange exchange;
    @Inject
    ReviewRoutes routes;

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return exchange.serve(event, routes.routes());
    }
}
