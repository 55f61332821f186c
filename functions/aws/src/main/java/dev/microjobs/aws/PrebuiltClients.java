package dev.microjobs.aws;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients of a Lambda execution environment, built on a thread of their own from the
 * moment the handler class loads, while Micronaut starts on the main thread.
 *
 * <p>Why: after the framework's own start, building the clients and the SDK's first request
 * (its request pipeline loads on first use) are the largest parts of a cold start, and they
 * need nothing from Micronaut: {@link AwsClients} configures them from the SDK's own settings
 * only. Lambda runs the init phase with more CPU than invocations get, so work moved off the
 * main thread and out of the first event shortens a cold start there as it does here
 * (BENCHMARKS.md, Cold start).
 *
 * <p>Only where Lambda's runtime started the JVM ({@code AWS_LAMBDA_RUNTIME_API} set): one
 * handler, one environment for the life of the process. Where several handlers share a JVM
 * (the in-process local stack, tests), each builds its own clients as before. The clients are
 * handed out once; a build that failed is logged and the caller builds its own.
 */
final class PrebuiltClients {

    private static final Logger LOG = LoggerFactory.getLogger(PrebuiltClients.class);
    /** Lambda sets it for the runtime to find its API; nothing else does. */
    static final String LAMBDA_RUNTIME_API = "AWS_LAMBDA_RUNTIME_API";
    /** A key no item has: the priming read finds nothing, and costs half a read unit. */
    static final Map<String, AttributeValue> PRIMING_KEY = Map.of(
            "pk", AttributeValue.fromS("PRIMING"), "sk", AttributeValue.fromS("PRIMING"));

    private static final AtomicReference<CompletableFuture<Clients>> PENDING = new AtomicReference<>();

    record Clients(SdkHttpClient http, AwsCredentialsProvider credentials, DynamoDbClient dynamoDb, SqsClient sqs) {
    }

    private PrebuiltClients() {
    }

    /** Starts building the clients if this JVM is a Lambda execution environment. */
    static void startIfInLambda(Map<String, String> environment) {
        if (environment.containsKey(LAMBDA_RUNTIME_API)) {
            CompletableFuture<Clients> clients = new CompletableFuture<>();
            if (PENDING.compareAndSet(null, clients)) {
                daemon("sdk-clients", () -> {
                    try {
                        clients.complete(build());
                    } catch (RuntimeException | Error e) {
                        clients.completeExceptionally(e);
                    }
                });
            }
        }
    }

    /** The clients built at start, once; empty when none were started or their build failed. */
    static Optional<Clients> take() {
        CompletableFuture<Clients> clients = PENDING.getAndSet(null);
        if (clients == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(clients.join());
        } catch (CompletionException e) {
            LOG.warn("Building the SDK clients at start failed; building them again: {}", e.getCause().toString());
            return Optional.empty();
        }
    }

    /**
     * Reads a key that does not exist, on a thread of its own, so that the SDK's request
     * pipeline (marshalling, signing, the connection, unmarshalling) is loaded before the first
     * event needs it. Never fails the caller: a failed read has loaded most of it too.
     */
    static void prime(DynamoDbClient dynamoDb, String table) {
        daemon("sdk-priming", () -> {
            try {
                dynamoDb.getItem(read -> read.tableName(table).key(PRIMING_KEY));
            } catch (RuntimeException e) {
                LOG.debug("The priming read failed, harmlessly: {}", e.toString());
            }
        });
    }

    private static Clients build() {
        SdkHttpClient http = AwsClients.newHttpClient();
        AwsCredentialsProvider credentials = AwsClients.newCredentialsProvider();
        return new Clients(http, credentials, AwsClients.newDynamoDb(http, credentials, builder -> { }),
                AwsClients.newSqs(http, credentials, builder -> { }));
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
