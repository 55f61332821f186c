package dev.microjobs.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.errors.ConflictException;
import dev.microjobs.core.errors.IdempotencyKeyReusedException;
import dev.microjobs.core.errors.InsufficientBalanceException;
import dev.microjobs.core.errors.NotFoundException;
import dev.microjobs.core.errors.RateLimitedException;
import dev.microjobs.core.errors.UnauthorizedException;
import dev.microjobs.core.validation.ValidationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Serves one API Gateway event with a function's {@link Routes}: finds the route, runs it, and
 * turns every failure into an RFC 9457 problem. Client mistakes get their 4xx with a clear detail;
 * anything else is logged with the request id and answered with a bare 500 that leaks nothing.
 */
@Singleton
public class HttpExchange {
    /** Request bodies above this are refused before parsing. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpExchange.class);

    private final ObjectMapper mapper;
    private final ObjectReader strictReader;

    public HttpExchange(ObjectMapper mapper) {
        this.mapper = mapper;
        this.strictReader = mapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    public APIGatewayV2HTTPResponse serve(APIGatewayV2HTTPEvent event, Routes routes) {
        HttpRequest request = null;
        try {
            request = HttpRequest.from(event);
            logContext(request);
            Route route = routes.find(event.getRouteKey())
                    .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such route"));
            return route.handle(request).toEvent();
        } catch (RuntimeException e) {
            return toProblem(e, request).toEvent();
        }
    }

    /** API Gateway's request id (what a client quotes) and the job or task the path names, for every log line. */
    private static void logContext(HttpRequest request) {
        if (request.requestId() != null) {
            MDC.put("apiRequestId", request.requestId());
        }
        String id = request.pathParameters().get("id");
        if (id != null && id.startsWith("job_")) {
            MDC.put("jobId", id);
        } else if (id != null && id.startsWith("task_")) {
            MDC.put("taskId", id);
        }
    }

    /**
     * The JSON object a client sent. Refuses, before any use case sees it: a body that is too
     * large, a content type other than JSON, malformed JSON, duplicate keys, and a top level
     * that is not an object.
     */
    public ObjectNode readJsonObject(HttpRequest request) {
        if (request.body().length > MAX_BODY_BYTES) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The body is " + request.body().length + " bytes; the limit is " + MAX_BODY_BYTES);
        }
        String contentType = request.header("content-type").orElse("");
        if (!isJson(contentType)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as application/json" + (contentType.isEmpty() ? "" : ", not " + contentType));
        }
        JsonNode node;
        try {
            node = strictReader.readTree(request.body());
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body is not valid JSON: " + firstLine(e));
        }
        if (node == null || !node.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** The optional JSON body of a command that may be sent without one. */
    public ObjectNode readOptionalJsonObject(HttpRequest request) {
        return request.body().length == 0 ? mapper.createObjectNode() : readJsonObject(request);
    }

    public HttpResponse json(int status, Object body) {
        try {
            return HttpResponse.of(status, HttpResponse.JSON, mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }

    public HttpResponse problem(ProblemType type, String detail) {
        return problem(type, detail, List.of());
    }

    public HttpResponse problem(ProblemType type, String detail, List<Map<String, String>> errors) {
        ObjectNode body = mapper.createObjectNode()
                .put("type", type.uri())
                .put("title", type.title())
                .put("status", type.status())
                .put("detail", detail);
        if (!errors.isEmpty()) {
            body.set("errors", mapper.valueToTree(errors));
        }
        return HttpResponse.of(type.status(), HttpResponse.PROBLEM_JSON, body.toString())
                .withHeader("cache-control", "no-store");
    }

    private HttpResponse toProblem(RuntimeException e, HttpRequest request) {
        if (e instanceof ProblemException p) {
            return problem(p.type(), p.getMessage());
        }
        if (e instanceof ValidationException v) {
            return problem(ProblemType.VALIDATION_FAILED, v.getMessage(), v.errors().stream()
                    .map(error -> Map.of("field", error.field(), "message", error.message()))
                    .toList());
        }
        if (e instanceof NotFoundException) {
            return problem(ProblemType.NOT_FOUND, e.getMessage());
        }
        if (e instanceof UnauthorizedException) {
            return problem(ProblemType.UNAUTHORIZED, e.getMessage())
                    .withHeader("www-authenticate", "Bearer");
        }
        if (e instanceof ConflictException) {
            return problem(ProblemType.CONFLICT, e.getMessage());
        }
        if (e instanceof InsufficientBalanceException) {
            return problem(ProblemType.INSUFFICIENT_BALANCE, e.getMessage());
        }
        if (e instanceof IdempotencyKeyReusedException) {
            return problem(ProblemType.IDEMPOTENCY_KEY_REUSED, e.getMessage());
        }
        if (e instanceof RateLimitedException limited) {
            return problem(ProblemType.TOO_MANY_REQUESTS, e.getMessage())
                    .withHeader("retry-after", Long.toString(limited.retryAfterSeconds()));
        }
        LOG.error("Unhandled error serving {} (request {})",
                request == null ? "?" : request.routeKey(), request == null ? "?" : request.requestId(), e);
        return problem(ProblemType.INTERNAL_ERROR, "The error was logged; quote the request id to support.")
                .withHeader("x-request-id", request == null || request.requestId() == null ? "" : request.requestId());
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    // Jackson's messages carry a source excerpt on later lines; the first line is the useful part.
    private static String firstLine(IOException e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        message = String.valueOf(message);
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
