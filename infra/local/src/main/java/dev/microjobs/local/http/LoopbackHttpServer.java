package dev.microjobs.local.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The JDK's HTTP server on 127.0.0.1, with Nagle's algorithm off on every connection it accepts.
 * Every server of the local stack and the benchmarks (the HTTP API, the Lambda Runtime API of each
 * execution environment, the metering proxies, the provider stand-ins) is made here.
 *
 * <p>Why: the JDK 17 server writes a response's headers and its body as two writes. With Nagle's
 * algorithm on, the body waits until the client acknowledges the headers, and the client, waiting
 * for the body, delays that acknowledgement by Linux's 40 ms minimum: every exchange took some
 * 40 ms, whatever the handler did (measured here: 45-60 ms per request to an empty handler, against
 * 2-4 ms with the option). A function calling DynamoDB through the metering proxy paid it on every
 * call. {@code sun.net.httpserver.nodelay} is the server's one switch for {@code TCP_NODELAY}; the
 * server reads it once, when the first server of the JVM is made, so it is set before that.
 */
public final class LoopbackHttpServer {

    static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        System.setProperty(NO_DELAY_PROPERTY, "true");
    }

    private LoopbackHttpServer() {
    }

    /** Bound to 127.0.0.1:{@code port} (0: a free port) and not yet started; {@code backlog} 0 is the system's default. */
    public static HttpServer create(int port, int backlog) throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    }
}
