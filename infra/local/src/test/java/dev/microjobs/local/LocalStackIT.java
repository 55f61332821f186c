package dev.microjobs.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microjobs.local.aws.TableCreator;
import dev.microjobs.local.template.IndexDef;
import dev.microjobs.local.template.TableDef;
import dev.microjobs.local.template.Template;
import dev.microjobs.local.testhandlers.Recorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** The embedded stack on a test template, used from outside as the AWS CLI or a browser would. */
class LocalStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Not the stack's own credentials or region: DynamoDB Local's shared database must not care. */
    private static final StaticCredentialsProvider OTHER_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTCLIENT", "another-secret"));

    private static final Path TEST_TEMPLATE = Path.of("src/test/resources/local-stack-test.yaml");

    private static LocalStack stack;
    private static DynamoDbClient dynamoDb;
    private static SqsClient sqs;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(LocalStackOptions.onFreePorts()
                .withTemplate(TEST_TEMPLATE));
        dynamoDb = DynamoDbClient.builder().endpointOverride(URI.create(stack.dynamoDbEndpoint()))
                .region(Region.EU_WEST_1).credentialsProvider(OTHER_CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(URI.create(stack.sqsEndpoint()))
                .region(Region.EU_WEST_1).credentialsProvider(OTHER_CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stopStack() {
        dynamoDb.close();
        sqs.close();
        stack.close();
        assertEquals(null, System.getProperty("aws.endpointUrlDynamoDb"), "system properties are restored");
    }

    @BeforeEach
    void forgetEarlierInvocations() {
        Recorder.SQS_MESSAGES.clear();
        Recorder.SCHEDULED_EVENTS.clear();
    }

    @Test
    void createsTablesWithTheTemplatesKeysIndexesAndTimeToLive() {
        TableDescription table = dynamoDb.describeTable(request -> request.tableName("microjobs-local-test")).table();
        assertEquals("pk", table.keySchema().get(0).attributeName());
        assertEquals("RANGE", table.keySchema().get(1).keyTypeAsString());
        assertEquals("gsi1", table.globalSecondaryIndexes().get(0).indexName());
        assertEquals("KEYS_ONLY", table.globalSecondaryIndexes().get(0).projection().projectionTypeAsString());
        var ttl = dynamoDb.describeTimeToLive(request -> request.tableName("microjobs-local-test")).timeToLiveDescription();
        assertEquals("ENABLED", ttl.timeToLiveStatusAsString());
        assertEquals("expiresAt", ttl.attributeName());
    }

    @Test
    void reusesAKeptTableOnlyWhenItsIndexesProjectWhatTheTemplateSays() {
        TableDef table = Template.load(TEST_TEMPLATE).tables().get("TestTable");
        TableDef projectingAll = new TableDef(table.logicalId(), table.tableName(), table.keySchema(),
                table.attributeTypes(),
                table.globalSecondaryIndexes().stream()
                        .map(index -> new IndexDef(index.indexName(), index.keySchema(), "ALL", List.of()))
                        .toList(),
                table.localSecondaryIndexes(), table.timeToLiveAttribute());
        TableCreator tables = new TableCreator(dynamoDb);

        assertEquals("microjobs-local-test", tables.create(table, "microjobs-local-test").name());
        LocalStackException refused = assertThrows(LocalStackException.class,
                () -> tables.create(projectingAll, "microjobs-local-test"));
        assertTrue(refused.getMessage().contains("projections"), refused.getMessage());
    }

    @Test
    void createsQueuesWithVisibilityTimeoutAndRedrive() throws Exception {
        Map<String, String> attributes = sqs.getQueueAttributes(request -> request
                .queueUrl(stack.queueUrl("WorkQueue")).attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
        assertEquals("2", attributes.get("VisibilityTimeout"));
        JsonNode redrive = json(attributes.get("RedrivePolicy"));
        assertEquals(stack.queues().get("WorkDeadLetterQueue").arn(), redrive.get("deadLetterTargetArn").asText());
        assertEquals(2, redrive.get("maxReceiveCount").asInt());
        assertTrue(stack.queueUrl("WorkDeadLetterQueue").endsWith("/work-dlq"));
    }

    @Test
    void publishesResolvedEnvironmentAndSdkSettingsAsSystemProperties() {
        assertEquals("microjobs-local-test", System.getProperty("TEST_TABLE"));
        assertEquals(stack.queueUrl("WorkQueue"), System.getProperty("WORK_QUEUE_URL"));
        assertEquals(stack.queues().get("WorkQueue").arn(), System.getProperty("WORK_QUEUE_ARN"));
        assertEquals("hello from us-east-1", System.getProperty("GREETING"));
        assertEquals(stack.dynamoDbEndpoint(), System.getProperty("aws.endpointUrlDynamoDb"));
        assertEquals(stack.sqsEndpoint(), System.getProperty("aws.endpointUrlSqs"));
        assertEquals("us-east-1", System.getProperty("aws.region"));
    }

    @Test
    void deliversQueueMessagesToTheHandlerAsAnSqsEvent() throws Exception {
        sqs.sendMessage(request -> request.queueUrl(stack.queueUrl("WorkQueue")).messageBody("hello"));

        SQSEvent.SQSMessage message = Recorder.SQS_MESSAGES.poll(10, TimeUnit.SECONDS);
        assertNotNull(message, "the handler got the message");
        assertEquals("hello", message.getBody());
        assertEquals("aws:sqs", message.getEventSource());
        assertEquals(stack.queues().get("WorkQueue").arn(), message.getEventSourceArn());
        assertEquals("us-east-1", message.getAwsRegion());
        assertEquals("1", message.getAttributes().get("ApproximateReceiveCount"));
        assertNotNull(message.getAttributes().get("SentTimestamp"));
        assertNotNull(message.getMd5OfBody());
    }

    @Test
    void retriesOnlyReportedFailuresAndMovesThemToTheDeadLetterQueue() throws Exception {
        sqs.sendMessageBatch(request -> request.queueUrl(stack.queueUrl("WorkQueue")).entries(
                SendMessageBatchRequestEntry.builder().id("1").messageBody("ok-1").build(),
                SendMessageBatchRequestEntry.builder().id("2").messageBody("fail-1").build(),
                SendMessageBatchRequestEntry.builder().id("3").messageBody("ok-2").build()));

        List<String> deliveries = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 15_000;
        while (deliveries.stream().filter("fail-1"::equals).count() < 2 && System.currentTimeMillis() < deadline) {
            SQSEvent.SQSMessage message = Recorder.SQS_MESSAGES.poll(1, TimeUnit.SECONDS);
            if (message != null) {
                deliveries.add(message.getBody());
            }
        }
        List<Message> deadLetters = List.of();
        while (deadLetters.isEmpty() && System.currentTimeMillis() < deadline) {
            // ElasticMQ does not wake a long poll on the dead-letter queue when redrive moves a message there.
            deadLetters = sqs.receiveMessage(request -> request
                    .queueUrl(stack.queueUrl("WorkDeadLetterQueue")).waitTimeSeconds(1)).messages();
        }

        assertEquals(1, deliveries.stream().filter("ok-1"::equals).count(), deliveries.toString());
        assertEquals(1, deliveries.stream().filter("ok-2"::equals).count(), deliveries.toString());
        assertEquals(2, deliveries.stream().filter("fail-1"::equals).count(), deliveries.toString());
        assertEquals(1, deadLetters.size());
        assertEquals("fail-1", deadLetters.get(0).body());
        assertTrue(Recorder.SQS_MESSAGES.stream().noneMatch(message -> message.getBody().equals("fail-1")),
                "no third delivery");
    }

    @Test
    void routesHttpRequestsToTheHandlerAndReturnsItsResponse() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/items/42?x=1&x=2&y=a%20b"))
                .header("X-Custom", "custom value")
                .header("Cookie", "a=1; b=2")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(201, response.statusCode());
        assertEquals("yes", response.headers().firstValue("x-echo").orElseThrow());
        assertEquals("session=abc; Path=/", response.headers().firstValue("set-cookie").orElseThrow());
        JsonNode echo = json(response.body());
        assertEquals("GET /items/{id}", echo.get("routeKey").asText());
        assertEquals("42", echo.at("/pathParameters/id").asText());
        assertEquals("1,2", echo.at("/queryStringParameters/x").asText());
        assertEquals("a b", echo.at("/queryStringParameters/y").asText());
        assertEquals("x=1&x=2&y=a%20b", echo.get("rawQueryString").asText());
        assertEquals("custom value", echo.at("/headers/x-custom").asText());
        assertEquals("[\"a=1\",\"b=2\"]", echo.get("cookies").toString());
        assertFalse(echo.get("headers").has("cookie"));
        assertEquals("$default", echo.get("stage").asText());
        assertEquals(echo.get("requestId").asText(), response.headers().firstValue("apigw-requestid").orElseThrow());
        assertEquals("EchoFunction", echo.get("functionName").asText());
        assertTrue(echo.get("remainingTimeInMillis").asInt() > 9_000);
        assertEquals("microjobs-local-test", echo.get("tableName").asText());
    }

    @Test
    void prefersLiteralSegmentsAndPassesBodies() throws Exception {
        assertEquals("GET /items/special", json(get("/items/special").body()).get("routeKey").asText());
        assertEquals("ANY /files/{proxy+}", json(get("/files/a/b.txt").body()).get("routeKey").asText());
        assertEquals("a/b.txt", json(get("/files/a/b.txt").body()).at("/pathParameters/proxy").asText());

        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/items"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"name\":\"x\"}", json(posted.body()).get("body").asText());
        assertFalse(json(posted.body()).get("isBase64Encoded").asBoolean());
    }

    @Test
    void servesStreamHandlersWithLambdaJsonAndBinaryBodies() throws Exception {
        Recorder.STREAM_EVENTS.clear();
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/stream"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 0})).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertEquals(List.of(0, 1, 2), List.of((int) response.body()[0], (int) response.body()[1], (int) response.body()[2]));
        assertEquals(List.of("a", "b"), response.headers().allValues("x-multi"));
        JsonNode event = json(Recorder.STREAM_EVENTS.poll(1, TimeUnit.SECONDS));
        assertEquals("2.0", event.get("version").asText());
        assertTrue(event.get("isBase64Encoded").asBoolean());
        assertEquals("/wA=", event.get("body").asText());
        assertEquals("POST", event.at("/requestContext/http/method").asText());
    }

    @Test
    void answersLikeApiGatewayWhenNothingMatchesOrTheHandlerFails() throws Exception {
        HttpResponse<String> notFound = get("/nowhere");
        assertEquals(404, notFound.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", notFound.body());
        assertTrue(notFound.headers().firstValue("apigw-requestid").isPresent(), "API Gateway names its own answers too");

        HttpResponse<String> failed = get("/boom");
        assertEquals(500, failed.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", failed.body());
    }

    @Test
    void firesSchedules() throws Exception {
        stack.fireSchedule("TickFunction", "Tick");

        ScheduledEvent event = Recorder.SCHEDULED_EVENTS.poll(1, TimeUnit.SECONDS);
        assertNotNull(event);
        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals("aws.events", event.getSource());
        assertEquals("000000000000", event.getAccount());
    }

    @Test
    void reportsHealth() throws Exception {
        HttpResponse<String> response = get("/health");

        assertEquals(200, response.statusCode());
        JsonNode health = json(response.body());
        assertEquals("ok", health.get("status").asText());
        assertEquals("microjobs-local-test", health.at("/tables/TestTable").asText());
        assertEquals(stack.queueUrl("WorkQueue"), health.at("/queues/WorkQueue").asText());
        assertEquals(4, health.get("functions").size());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
