package dev.microjobs.local.aws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.microjobs.local.LocalStackException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local running as an HTTP server inside this JVM, on 127.0.0.1 only.
 *
 * <p>DynamoDB Local has no option for the bind address (its Jetty listens on every interface)
 * and refuses port 0; so, before starting it, the Jetty connector it built is given the
 * loopback host and the requested port. {@code -sharedDb} makes every client see the same
 * tables whatever credentials and region it uses, as the AWS CLI and tests expect.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final int port;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts in memory, or persisted in {@code dataDir}; {@code port} 0 picks a free port. */
    public static EmbeddedDynamoDb start(int port, Optional<Path> dataDir) {
        DynamoDBProxyServer server;
        ServerConnector connector;
        try {
            server = ServerRunner.createServerFromCommandLineArgs(arguments(dataDir));
            connector = loopbackConnector(server, port);
        } catch (Exception e) {
            throw new LocalStackException("DynamoDB Local could not be set up: " + e.getMessage(), e);
        }
        try {
            // safeStart skips the start-up telemetry call that start() makes.
            server.safeStart();
        } catch (Exception e) {
            stopQuietly(server);
            throw PortInUse.describe(e, "DynamoDB Local", port, "--dynamodb-port");
        }
        return new EmbeddedDynamoDb(server, connector.getLocalPort());
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static String[] arguments(Optional<Path> dataDir) throws IOException {
        // The port given here is replaced on the connector below; it only has to pass DynamoDB Local's check.
        List<String> arguments = new ArrayList<>(List.of("-port", String.valueOf(ServerRunner.DEFAULT_PORT), "-sharedDb", "-disableTelemetry"));
        if (dataDir.isPresent()) {
            Files.createDirectories(dataDir.get());
            arguments.addAll(List.of("-dbPath", dataDir.get().toAbsolutePath().toString()));
        } else {
            arguments.add("-inMemory");
        }
        return arguments.toArray(String[]::new);
    }

    private static ServerConnector loopbackConnector(DynamoDBProxyServer proxy, int port) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setHost("127.0.0.1");
                serverConnector.setPort(port);
                return serverConnector;
            }
        }
        throw new IllegalStateException("DynamoDB Local has no network connector");
    }

    private static void stopQuietly(DynamoDBProxyServer server) {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("DynamoDB Local did not stop cleanly: " + e);
        }
    }
}
