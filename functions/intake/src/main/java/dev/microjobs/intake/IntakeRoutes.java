package dev.microjobs.intake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.aws.http.HttpExchange;
import dev.microjobs.aws.http.HttpRequest;
import dev.microjobs.aws.http.HttpResponse;
import dev.microjobs.aws.http.Routes;
import dev.microjobs.aws.http.StaticAsset;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.core.accounts.Authenticator;
import dev.microjobs.core.approvals.ReviewSubmissions;
import dev.microjobs.core.domain.TaskState;
import dev.microjobs.core.events.BusinessEvents;
import dev.microjobs.core.events.WebhookAccount;
import dev.microjobs.core.jobs.BusinessJobs;
import dev.microjobs.core.jobs.CancelJob;
import dev.microjobs.core.jobs.JobViews;
import dev.microjobs.core.jobs.SubmitJob;
import dev.microjobs.core.ports.Page;
import dev.microjobs.core.ratelimits.RateLimiter;
import dev.microjobs.core.validation.Limits;
import dev.microjobs.core.validation.ValidationException;
import dev.microjobs.core.validation.Violations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The business API's routes; their paths are declared in template.yaml. */
@Singleton
public class IntakeRoutes {
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final HttpExchange exchange;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final SubmitJob submitJob;
    private final BusinessJobs businessJobs;
    private final CancelJob cancelJob;
    private final ReviewSubmissions review;
    private final WebhookAccount webhooks;
    private final BusinessEvents events;
    private final Routes routes;

    public IntakeRoutes(HttpExchange exchange, Authenticator authenticator, @Named("business") RateLimiter rateLimiter,
                        SubmitJob submitJob, BusinessJobs businessJobs, CancelJob cancelJob, ReviewSubmissions review,
                        WebhookAccount webhooks, BusinessEvents events) {
        this.exchange = exchange;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.submitJob = submitJob;
        this.businessJobs = businessJobs;
        this.cancelJob = cancelJob;
        this.review = review;
        this.webhooks = webhooks;
        this.events = events;
        StaticAsset openApi = StaticAsset.load("/microjobs/openapi.yaml", "application/yaml");
        this.routes = Routes.builder()
                .on("POST /v1/jobs", this::submitJob)
                .on("GET /v1/jobs", this::listJobs)
                .on("GET /v1/jobs/{id}", this::getJob)
                .on("POST /v1/jobs/{id}/cancel", this::cancelJob)
                .on("GET /v1/jobs/{id}/tasks", this::listTasks)
                .on("GET /v1/jobs/{id}/results", this::results)
                .on("POST /v1/jobs/{id}/approve", this::approveJob)
                .on("GET /v1/tasks/{id}", this::getTask)
                .on("POST /v1/tasks/{id}/approve", this::approveTask)
                .on("POST /v1/tasks/{id}/reject", this::rejectTask)
                .on("GET /v1/account", this::account)
                .on("PUT /v1/account/webhook", this::setWebhook)
                .on("POST /v1/account/webhook-secret", this::rotateWebhookSecret)
                .on("GET /v1/jobs/{id}/events", this::jobEvents)
                .on("GET /v1/events", this::eventFeed)
                .on("GET /v1/openapi.yaml", request -> openApi.response())
                .build();
    }

    public Routes routes() {
        return routes;
    }

    private HttpResponse submitJob(HttpRequest request) {
        String businessId = business(request);
        ObjectNode body = exchange.readJsonObject(request);
        SubmitJob.Response response = submitJob.submit(businessId, request.header("idempotency-key"), request.body(), body);
        return HttpResponse.of(response.status(), HttpResponse.JSON, response.body());
    }

    private HttpResponse listJobs(HttpRequest request) {
        String businessId = business(request);
        return page(businessJobs.jobs(businessId, cursor(request), limit(request)), JobViews::summary);
    }

    private HttpResponse getJob(HttpRequest request) {
        return exchange.json(200, businessJobs.jobDetail(business(request), request.pathParameter("id")));
    }

    private HttpResponse cancelJob(HttpRequest request) {
        return exchange.json(200, cancelJob.cancel(business(request), request.pathParameter("id")));
    }

    private HttpResponse listTasks(HttpRequest request) {
        String businessId = business(request);
        Optional<TaskState> state = request.query("state").map(IntakeRoutes::taskState);
        return page(businessJobs.tasks(businessId, request.pathParameter("id"), state, cursor(request), limit(request)),
                JobViews::task);
    }

    private HttpResponse getTask(HttpRequest request) {
        return exchange.json(200, JobViews.task(businessJobs.task(business(request), request.pathParameter("id"))));
    }

    private HttpResponse results(HttpRequest request) {
        var results = businessJobs.results(business(request), request.pathParameter("id"));
        boolean csv = request.header("accept").map(a -> a.toLowerCase(Locale.ROOT).contains("text/csv")).orElse(false);
        return csv
                ? HttpResponse.of(200, "text/csv; charset=utf-8", ResultsExport.csv(results))
                : HttpResponse.of(200, "application/x-ndjson", ResultsExport.jsonLines(results));
    }

    private HttpResponse approveTask(HttpRequest request) {
        return exchange.json(200, JobViews.task(review.approve(business(request), request.pathParameter("id"))));
    }

    private HttpResponse rejectTask(HttpRequest request) {
        String businessId = business(request);
        ObjectNode body = exchange.readOptionalJsonObject(request);
        Violations violations = new Violations();
        if (!Limits.isAbsent(body.get("reason"))) {
            Limits.string(violations, "reason", body.get("reason"), 1, 2000);
        }
        boolean requeue = false;
        JsonNode requeueNode = body.get("requeue");
        if (!Limits.isAbsent(requeueNode)) {
            if (requeueNode.isBoolean()) {
                requeue = requeueNode.booleanValue();
            } else {
                violations.add("requeue", "expected true or false");
            }
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("reason") && !name.equals("requeue")) {
                violations.add(name, "is not a field here; expected reason and requeue");
            }
        });
        violations.throwIfAny();
        return exchange.json(200, JobViews.task(review.reject(businessId, request.pathParameter("id"), requeue)));
    }

    private HttpResponse approveJob(HttpRequest request) {
        String businessId = business(request);
        String jobId = request.pathParameter("id");
        ReviewSubmissions.JobApproval approval = review.approveJob(businessId, jobId);
        ObjectNode body = businessJobs.jobDetail(businessId, jobId);
        body.putObject("approval").put("approved", approval.approved()).put("unchanged", approval.unchanged());
        return exchange.json(200, body);
    }

    private HttpResponse account(HttpRequest request) {
        return exchange.json(200, businessJobs.account(business(request)));
    }

    private HttpResponse setWebhook(HttpRequest request) {
        String businessId = business(request);
        ObjectNode body = exchange.readJsonObject(request);
        Violations violations = new Violations();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("url")) {
                violations.add(name, "is not a field here; expected url");
            }
        });
        JsonNode url = body.get("url");
        if (url == null || !url.isTextual()) {
            violations.add("url", "is required: the https URL that receives your events");
        }
        violations.throwIfAny();
        ObjectNode view = JsonNodeFactory.instance.objectNode()
                .put("url", webhooks.setUrl(businessId, url.textValue()).toString())
                .put("hasSecret", webhooks.endpoint(businessId).secret() != null);
        return exchange.json(200, view);
    }

    private HttpResponse rotateWebhookSecret(HttpRequest request) {
        WebhookAccount.Rotation rotation = webhooks.rotateSecret(business(request));
        ObjectNode view = JsonNodeFactory.instance.objectNode().put("secret", rotation.secret());
        if (rotation.previousValidUntil() == null) {
            view.putNull("previousSecretValidUntil");
        } else {
            view.put("previousSecretValidUntil", rotation.previousValidUntil().toString());
        }
        // Shown this once: nothing between us and the client may keep a copy.
        return exchange.json(201, view).withHeader("cache-control", "no-store");
    }

    private HttpResponse jobEvents(HttpRequest request) {
        return exchange.json(200, events.ofJob(business(request), request.pathParameter("id")));
    }

    private HttpResponse eventFeed(HttpRequest request) {
        String businessId = business(request);
        return exchange.json(200, events.feed(businessId, request.query("after").filter(a -> !a.isEmpty()),
                limit(request)));
    }

    /**
     * The business the request's API key belongs to, once its rate limit admits the request: every
     * route but the OpenAPI document starts here, so a refused request does nothing else.
     */
    private String business(HttpRequest request) {
        String businessId = authenticator.business(request.header("authorization"));
        rateLimiter.admit(businessId);
        return businessId;
    }

    private <T> HttpResponse page(Page<T> page, Function<T, ObjectNode> view) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode items = body.putArray("items");
        page.items().forEach(item -> items.add(view.apply(item)));
        page.nextCursor().ifPresentOrElse(c -> body.put("nextCursor", c), () -> body.putNull("nextCursor"));
        return exchange.json(200, body);
    }

    private static Optional<String> cursor(HttpRequest request) {
        return request.query("cursor").filter(c -> !c.isEmpty());
    }

    private static int limit(HttpRequest request) {
        return request.query("limit").map(raw -> {
            try {
                int limit = Integer.parseInt(raw);
                if (limit >= 1 && limit <= MAX_PAGE_SIZE) {
                    return limit;
                }
            } catch (NumberFormatException ignored) {
                // reported below, like an out-of-range number
            }
            throw ValidationException.of("limit", "must be a whole number from 1 to " + MAX_PAGE_SIZE);
        }).orElse(DEFAULT_PAGE_SIZE);
    }

    private static TaskState taskState(String raw) {
        return Arrays.stream(TaskState.values())
                .filter(state -> state.name().equalsIgnoreCase(raw))
                .findFirst()
                .orElseThrow(() -> ValidationException.of("state",
                        "must be one of " + Arrays.toString(TaskState.values())));
    }
}
