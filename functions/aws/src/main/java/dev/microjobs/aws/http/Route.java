package dev.microjobs.aws.http;

/** One HTTP API route: reads the request, calls a use case, says what to answer. */
@FunctionalInterface
public interface Route {
    HttpResponse handle(HttpRequest request);
}
