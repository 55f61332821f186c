package dev.microjobs.local.aws;

import dev.microjobs.local.template.PseudoParameters;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;

/**
 * ElasticMQ running inside this JVM on 127.0.0.1, with queue URLs {@code http://127.0.0.1:PORT/000000000000/NAME}
 * and ARNs {@code arn:aws:sqs:us-east-1:000000000000:NAME}. It speaks the JSON protocol SDK v2 uses.
 */
public final class EmbeddedSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;

    private EmbeddedSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts the server; {@code port} 0 picks a free port. */
    public static EmbeddedSqs start(int port, PseudoParameters account) {
        TheSQSRestServerBuilder builder = SQSRestServerBuilder
                .withInterface("127.0.0.1")
                .withAWSRegion(account.region())
                .withAWSAccountId(account.accountId());
        // With a dynamic port ElasticMQ derives the queue URLs from the address it actually bound.
        builder = port == 0
                ? builder.withDynamicPort()
                : builder.withPort(port).withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""));
        SQSRestServer server = builder.start();
        try {
            int boundPort = server.waitUntilStarted().localAddress().getPort();
            return new EmbeddedSqs(server, boundPort);
        } catch (Exception e) { // Scala code can throw checked exceptions undeclared
            server.stopAndWait();
            throw PortInUse.describe(e, "ElasticMQ", port, "--sqs-port");
        }
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
