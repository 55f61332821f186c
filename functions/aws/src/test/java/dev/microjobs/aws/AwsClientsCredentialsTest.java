package dev.microjobs.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Where the functions' credentials come from. A SnapStart function gets no credential variables:
 * Lambda serves its credentials from a container endpoint, which a real (tiny) HTTP server stands
 * in for here. The SDK reads the endpoint's settings from system properties as well as variables.
 */
class AwsClientsCredentialsTest {

    private static final String TOKEN = "container-authorization-token";

    private final TestSystemProperties properties = new TestSystemProperties();
    private final AtomicReference<String> authorizationSeen = new AtomicReference<>();
    private HttpServer credentialsEndpoint;

    @BeforeEach
    void startCredentialsEndpoint() throws IOException {
        credentialsEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        credentialsEndpoint.createContext("/credentials", exchange -> {
            authorizationSeen.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"AccessKeyId\":\"ASIACONTAINER\",\"SecretAccessKey\":\"container-secret\","
                    + "\"Token\":\"container-session\",\"Expiration\":\"2099-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        credentialsEndpoint.start();
    }

    @AfterEach
    void restore() {
        credentialsEndpoint.stop(0);
        properties.restore();
    }

    @Test
    void systemPropertiesComeFirstAsTheLocalStackSetsThem() {
        properties.set("aws.accessKeyId", "local");
        properties.set("aws.secretAccessKey", "local-secret");

        AwsCredentials credentials = AwsClients.newCredentialsProvider().resolveCredentials();

        assertEquals("local", credentials.accessKeyId());
    }

    @Test
    void withoutCredentialVariablesTheContainerEndpointServesThem() {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null,
                "this machine sets AWS_ACCESS_KEY_ID, which comes before the container endpoint");
        properties.set("aws.accessKeyId", null);
        properties.set("aws.secretAccessKey", null);
        properties.set("aws.containerCredentialsFullUri",
                "http://127.0.0.1:" + credentialsEndpoint.getAddress().getPort() + "/credentials");
        properties.set("aws.containerAuthorizationToken", TOKEN);

        AwsCredentials credentials = AwsClients.newCredentialsProvider().resolveCredentials();

        AwsSessionCredentials session = assertInstanceOf(AwsSessionCredentials.class, credentials);
        assertEquals("ASIACONTAINER", session.accessKeyId());
        assertEquals("container-secret", session.secretAccessKey());
        assertEquals("container-session", session.sessionToken());
        assertEquals(TOKEN, authorizationSeen.get());
    }

}
