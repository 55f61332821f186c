package dev.microjobs.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.aws.http.HttpExchange;
import dev.microjobs.aws.http.HttpRequest;
import dev.microjobs.aws.http.HttpResponse;
import dev.microjobs.aws.http.ProblemException;
import dev.microjobs.aws.http.ProblemType;
import dev.microjobs.aws.http.Routes;
import dev.microjobs.aws.http.StaticAsset;
import dev.microjobs.core.accounts.Authenticator;
import dev.microjobs.core.ratelimits.RateLimiter;
import dev.microjobs.core.review.ReviewViews;
import dev.microjobs.core.review.WorkerClaims;
import dev.microjobs.core.review.WorkerOverview;
import dev.microjobs.core.review.WorkerRequests;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/** The worker API's and the worker UI's routes; their paths are declared in template.yaml. */
@Singleton
public class ReviewRoutes {
    /** The largest output a worker may hand in: as text, or as compact JSON for structured output. */
    static final int MAX_OUTPUT_BYTES = 64 * 1024;

    private final HttpExchange exchange;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final WorkerClaims claims;
    private final WorkerOverview overview;
    private final Routes routes;

    public ReviewRoutes(HttpExchange exchange, Authenticator authenticator, @Named("worker") RateLimiter rateLimiter,
                        WorkerClaims claims, WorkerOverview overview) {
        this.exchange = exchange;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.claims = claims;
        this.overview = overview;
        StaticAsset page = StaticAsset.load("/microjobs/web/index.html", "text/html; charset=utf-8");
        StaticAsset script = StaticAsset.load("/microjobs/web/app.js", "text/javascript; charset=utf-8");
        StaticAsset styles = StaticAsset.load("/microjobs/web/app.css", "text/css; charset=utf-8");
        this.routes = Routes.builder()
                .on("GET /", request -> page.response())
                .on("GET /app.js", request -> script.response())
                .on("GET /app.css", request -> styles.response())
                .on("POST /v1/worker/claims", this::claim)
                .on("POST /v1/worker/claims/{id}/extend", this::extend)
                .on("POST /v1/worker/claims/{id}/release", this::release)
                .on("POST /v1/worker/claims/{id}/submit", this::submit)
                .on("GET /v1/worker/me", request -> exchange.json(200, overview.me(worker(request))))
                .on("GET /v1/worker/queue", request -> exchange.json(200, overview.queue(worker(request))))
                .build();
    }

    public Routes routes() {
        return routes;
    }

    private HttpResponse claim(HttpRequest request) {
        String workerId = worker(request);
        var preferredSkill = WorkerRequests.preferredSkill(exchange.readOptionalJsonObject(request));
        return claims.claimNext(workerId, preferredSkill)
                .map(claimed -> exchange.json(201, ReviewViews.claim(claimed.task(), claimed.job()))
                        .withHeader("location", "/v1/worker/claims/" + claimed.task().claim().claimId()))
                .orElseGet(HttpResponse::noContent);
    }

    private HttpResponse extend(HttpRequest request) {
        var extended = claims.extend(worker(request), request.pathParameter("id"));
        return exchange.json(200, ReviewViews.claim(extended.task(), extended.job()));
    }

    private HttpResponse release(HttpRequest request) {
        String claimId = request.pathParameter("id");
        return exchange.json(200, ReviewViews.afterClaim(claimId, claims.release(worker(request), claimId)));
    }

    private HttpResponse submit(HttpRequest request) {
        String workerId = worker(request);
        String claimId = request.pathParameter("id");
        ObjectNode body = exchange.readJsonObject(request);
        var submission = WorkerRequests.submission(body);
        int size = outputBytes(submission.output());
        if (size > MAX_OUTPUT_BYTES) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The output is " + size + " bytes; the limit is " + MAX_OUTPUT_BYTES);
        }
        return exchange.json(200, ReviewViews.afterClaim(claimId, claims.submit(workerId, claimId, submission)));
    }

    /**
     * The worker the request's token belongs to, once its rate limit admits the request: every
     * API route starts here (the UI's static files need no token), so a refused request does nothing else.
     */
    private String worker(HttpRequest request) {
        String workerId = authenticator.worker(request.header("authorization"));
        rateLimiter.admit(workerId);
        return workerId;
    }

    private static int outputBytes(JsonNode output) {
        String text = output.isTextual() ? output.textValue() : output.toString();
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
