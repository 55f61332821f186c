package dev.microjobs.local;

/**
 * What the functions are told a service's endpoint is. The default is the service itself; a
 * benchmark can put a metering proxy in front of it and hand out the proxy's address instead.
 */
@FunctionalInterface
public interface EndpointFront {

    EndpointFront DIRECT = (service, endpoint) -> endpoint;

    /**
     * @param service  {@code dynamodb} or {@code sqs}
     * @param endpoint the embedded server's own endpoint, e.g. {@code http://127.0.0.1:8000}
     * @return the endpoint that functions and event-source pollers use
     */
    String endpointFor(String service, String endpoint);
}
