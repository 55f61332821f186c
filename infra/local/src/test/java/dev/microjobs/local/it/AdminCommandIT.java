package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microjobs.core.accounts.SecretToken;
import dev.microjobs.local.Main;
import dev.microjobs.local.admin.AdminCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The operator's side: {@code java -jar microjobs-local.jar --credentials-out FILE} with its demo
 * accounts, and the {@code admin} command against the running stack's DynamoDB. The stack is
 * started through {@link Main}, as a developer starts it; it runs until this test JVM exits
 * (each IT class has a JVM of its own).
 */
class AdminCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    private static String dynamoDbEndpoint;
    private static JsonNode credentials;

    @BeforeAll
    static void startTheStackLikeADeveloper() throws Exception {
        int httpPort = freePort();
        int dynamoDbPort = freePort();
        int sqsPort = freePort();
        dynamoDbEndpoint = "http://127.0.0.1:" + dynamoDbPort;
        Path credentialsFile = dir.resolve("credentials.json");
        Thread stack = new Thread(() -> Main.main(new String[] {
                "--port", String.valueOf(httpPort), "--dynamodb-port", String.valueOf(dynamoDbPort),
                "--sqs-port", String.valueOf(sqsPort), "--template", "../../template.yaml",
                "--credentials-out", credentialsFile.toString()}), "local-stack-main");
        stack.setDaemon(true);
        stack.start();

        Instant deadline = Instant.now().plusSeconds(90);
        while (credentials == null) {
            if (Instant.now().isAfter(deadline) || !stack.isAlive()) {
                fail("the stack did not write " + credentialsFile);
            }
            Thread.sleep(200);
            if (Files.exists(credentialsFile)) {
                try {
                    credentials = JSON.readTree(credentialsFile.toFile());
                } catch (IOException halfWritten) {
                    // read again on the next round
                }
            }
        }
        assertEquals("http://127.0.0.1:" + httpPort, credentials.get("apiUrl").asText());
    }

    @Test
    void theCredentialsFileHoldsWorkingDemoAccounts() throws Exception {
        String apiKey = credentials.get("businessApiKey").asText();
        String workerToken = credentials.get("workerToken").asText();
        assertTrue(apiKey.startsWith("mjb_"), apiKey);
        assertTrue(workerToken.startsWith("mjw_"), workerToken);

        JsonNode account = JSON.readTree(api("GET", "/v1/account", apiKey, null).body());
        assertEquals("Demo Business", account.get("name").asText());
        assertEquals(100_000, account.get("balance").get("amount").asLong(), "a demo balance to try the API with");

        String job = "{\"type\":\"tagline\",\"title\":\"Demo\",\"instructions\":\"Three taglines.\","
                + "\"reward\":{\"amount\":25,\"currency\":\"USD\"},\"inputs\":[{\"brief\":\"A tea shop\"}]}";
        assertEquals(201, api("POST", "/v1/jobs", apiKey, job).statusCode());
        assertEquals(401, api("GET", "/v1/account", workerToken, null).statusCode(), "a worker token is no API key");
        assertTrue(workers().toString().contains("Demo Worker"));
    }

    @Test
    void createBusinessPrintsTheKeyOnceAndItWorks() throws Exception {
        Run created = admin("create-business", "--name", "Acme Labels", "--credit", "5000", "--currency", "USD");

        assertEquals(0, created.exitCode(), created.err());
        assertEquals(1, created.out().lines().count(), "one JSON line: " + created.out());
        JsonNode json = JSON.readTree(created.out());
        String businessId = json.get("businessId").asText();
        String apiKey = json.get("apiKey").asText();
        assertTrue(businessId.startsWith("biz_"), businessId);
        assertTrue(apiKey.matches("mjb_[A-Za-z0-9_-]{43}"), "256 random bits: " + apiKey);
        assertEquals(5_000, json.get("account").get("balance").get("amount").asLong());

        JsonNode account = JSON.readTree(api("GET", "/v1/account", apiKey, null).body());
        assertEquals(businessId, account.get("businessId").asText());
        assertEquals("Acme Labels", account.get("name").asText());
        assertEquals(5_000, account.get("balance").get("amount").asLong());

        Run credited = admin("credit", "--business", businessId, "--amount", "2500");
        assertEquals(0, credited.exitCode(), credited.err());
        assertEquals(7_500, JSON.readTree(credited.out()).get("balance").get("amount").asLong());
        assertEquals(7_500, JSON.readTree(api("GET", "/v1/account", apiKey, null).body()).get("balance").get("amount").asLong());

        Run listed = admin("list-businesses");
        assertEquals(0, listed.exitCode(), listed.err());
        assertTrue(listed.out().contains(businessId) && listed.out().contains("Acme Labels"), listed.out());
        assertFalse(listed.out().contains(apiKey), "a key is shown once, at creation");
        assertNotEquals(apiKey, JSON.readTree(admin("create-business", "--name", "Acme Labels").out()).get("apiKey").asText());
    }

    @Test
    void createWorkerPrintsTheTokenOnce() throws Exception {
        Run created = admin("create-worker", "--name", "Ana", "--skills", "writing, tagging");

        assertEquals(0, created.exitCode(), created.err());
        JsonNode json = JSON.readTree(created.out());
        String token = json.get("token").asText();
        assertTrue(json.get("workerId").asText().startsWith("wkr_"), json.toString());
        assertTrue(token.matches("mjw_[A-Za-z0-9_-]{43}"), token);
        assertEquals(List.of("tagging", "writing"), JSON.convertValue(json.get("skills"), List.class));
        String workers = workers().toString();
        assertTrue(workers.contains(json.get("workerId").asText()), workers);
        assertFalse(workers.contains(token), workers);
    }

    @Test
    void onlyTheHashesOfSecretsAreStored() throws Exception {
        String apiKey = JSON.readTree(admin("create-business", "--name", "Hashed", "--credit", "100").out()).get("apiKey").asText();
        String token = JSON.readTree(admin("create-worker", "--name", "Hashed").out()).get("token").asText();

        String everything = scanEverything();
        for (String secret : List.of(apiKey, token, apiKey.substring(4), token.substring(4),
                credentials.get("businessApiKey").asText().substring(4), credentials.get("workerToken").asText().substring(4))) {
            assertFalse(everything.contains(secret), "plaintext secret in the table: " + secret);
        }
        assertTrue(everything.contains(SecretToken.sha256Hex(apiKey)), "the key's SHA-256 is what is kept");
        assertTrue(everything.contains(SecretToken.sha256Hex(token)));
    }

    @Test
    void mistakesExitWithAMessage() throws IOException {
        assertUsageError(admin());
        assertUsageError(admin("frobnicate"));
        assertUsageError(admin("create-business"));
        assertUsageError(admin("create-business", "--name"));
        assertUsageError(admin("create-business", "--name", "X", "--credit", "lots"));
        assertUsageError(admin("create-business", "--name", "X", "--credit", "-5"));
        assertUsageError(admin("create-business", "--name", "X", "--currency", "XYZ"));
        assertUsageError(admin("create-business", "--name", "X", "--colour", "red"));
        assertUsageError(admin("create-business", "--name", " "));
        assertUsageError(admin("credit", "--business", "biz_x"));
        assertUsageError(admin("create-worker", "--name", "X", "--skills", "Not A Skill"));
        assertUsageError(admin("list-workers", "extra"));

        Run unknownBusiness = admin("credit", "--business", "biz_01JD3Z7R8Q4W5E6R7T8Y9V0W1X", "--amount", "5");
        assertEquals(1, unknownBusiness.exitCode(), unknownBusiness.err());
        assertTrue(unknownBusiness.err().startsWith("admin: "), unknownBusiness.err());
        String businessId = JSON.readTree(admin("create-business", "--name", "Y").out()).get("businessId").asText();
        assertUsageError(admin("credit", "--business", businessId, "--amount", "0"));
        assertUsageError(admin("credit", "--business", businessId, "--amount", "-5"));

        Run unreachable = adminAt("http://127.0.0.1:" + freePortQuietly(), "list-businesses");
        assertEquals(1, unreachable.exitCode(), unreachable.err());
        assertTrue(unreachable.err().contains("cannot reach DynamoDB"), unreachable.err());
    }

    private static void assertUsageError(Run run) {
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertEquals("", run.out(), "nothing on stdout for a mistake");
        assertTrue(run.err().startsWith("admin: ") || run.err().startsWith("usage: "), run.err());
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run admin(String... args) {
        return adminAt(dynamoDbEndpoint, args);
    }

    private static Run adminAt(String endpoint, String... args) {
        List<String> all = new ArrayList<>(List.of("--dynamodb-endpoint", endpoint));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = new AdminCommand().run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode workers() throws IOException {
        Run listed = admin("list-workers");
        assertEquals(0, listed.exitCode(), listed.err());
        return JSON.readTree(listed.out());
    }

    private static String scanEverything() {
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1).endpointOverride(URI.create(dynamoDbEndpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("it", "it"))).build()) {
            StringBuilder text = new StringBuilder();
            for (String table : dynamo.listTables().tableNames()) {
                dynamo.scanPaginator(s -> s.tableName(table)).items().forEach(item -> {
                    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
                        text.append(attribute.getKey()).append('=').append(attribute.getValue()).append('\n');
                    }
                });
            }
            return text.toString();
        }
    }

    private static HttpResponse<String> api(String method, String path, String key, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(credentials.get("apiUrl").asText() + path))
                .header("authorization", "Bearer " + key)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("content-type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freePortQuietly() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
