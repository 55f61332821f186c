package dev.microjobs.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Standard AWS tools work against the local stack with dummy credentials (DynamoDB Local 2
 * wants an access key id of letters and digits only): the AWS CLI
 * (when it is on PATH) and SDK v2 clients list the template's tables and queues.
 */
class AwsCliIT extends StackTest {

    private static final long CLI_TIMEOUT_SECONDS = 60;

    @Test
    void theAwsCliListsTheTemplatesTables() {
        JsonNode tables = aws("dynamodb", "list-tables", "--endpoint-url", stack.dynamoDbEndpoint());

        Set<String> listed = new TreeSet<>();
        tables.path("TableNames").forEach(name -> listed.add(name.asText()));
        assertEquals(expectedTableNames(), listed);
    }

    @Test
    void theAwsCliListsTheTemplatesQueues() {
        JsonNode queues = aws("sqs", "list-queues", "--endpoint-url", stack.sqsEndpoint());

        Set<String> listed = new TreeSet<>();
        queues.path("QueueUrls").forEach(url -> listed.add(queueName(url.asText())));
        assertEquals(expectedQueueNames(), listed);
    }

    @Test
    void sdkClientsWithOtherDummyCredentialsListTheSame() {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSOMEONEELSE", "another-dummy-secret"));
        try (DynamoDbClient otherDynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                     .region(Region.US_EAST_1).credentialsProvider(credentials)
                     .endpointOverride(URI.create(stack.dynamoDbEndpoint())).build();
             SqsClient otherSqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create())
                     .region(Region.US_EAST_1).credentialsProvider(credentials)
                     .endpointOverride(URI.create(stack.sqsEndpoint())).build()) {

            assertEquals(expectedTableNames(), new TreeSet<>(otherDynamo.listTables().tableNames()));
            Set<String> queues = new TreeSet<>();
            otherSqs.listQueues().queueUrls().forEach(url -> queues.add(queueName(url)));
            assertEquals(expectedQueueNames(), queues);
        }
    }

    private static Set<String> expectedTableNames() {
        Set<String> names = new TreeSet<>();
        stack.tables().values().forEach(table -> names.add(table.name()));
        return names;
    }

    private static Set<String> expectedQueueNames() {
        Set<String> names = new TreeSet<>();
        stack.queues().values().forEach(queue -> names.add(queue.name()));
        return names;
    }

    /** The last path segment of a queue URL; the host part depends on how the server names itself. */
    private static String queueName(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** Runs the AWS CLI with dummy credentials and no config files of this machine's user; its JSON output. */
    private static JsonNode aws(String... arguments) {
        Optional<Path> cli = onPath("aws");
        assumeTrue(cli.isPresent(), "the aws CLI is not on PATH; its part of this test is skipped");
        List<String> command = new ArrayList<>(List.of(cli.get().toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--region", "us-east-1", "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        // DynamoDB Local 2 takes any key id made of letters and digits only.
        environment.put("AWS_ACCESS_KEY_ID", "clidummy");
        environment.put("AWS_SECRET_ACCESS_KEY", "cli-dummy-secret");
        environment.put("AWS_CONFIG_FILE", "/dev/null");
        environment.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        environment.put("AWS_PAGER", "");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process));
            if (!process.waitFor(CLI_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("aws " + String.join(" ", arguments) + " did not finish in " + CLI_TIMEOUT_SECONDS + " s");
            }
            assertEquals(0, process.exitValue(), () -> "aws " + String.join(" ", arguments) + ":\n" + output.join());
            return JSON.readTree(output.join());
        } catch (IOException e) {
            throw new AssertionError("aws " + String.join(" ", arguments) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Process process) {
        try (var stream = process.getInputStream()) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
