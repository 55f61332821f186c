package dev.microjobs.bench.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The least a Java Lambda function that writes to DynamoDB and SQS can do: clients built once in
 * the constructor (Lambda's init phase), one PutItem and one SendMessage per event. The cold start
 * benchmark compares every function against this, so what it measures above it is ours to cut.
 * Clients are configured as functions/aws configures them (URL connection client, region and
 * credentials from the environment), so the SDK's own start costs are on both sides.
 */
public class BareHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final String tableName = System.getenv("TABLE_NAME");
    private final String queueUrl = System.getenv("QUEUE_URL");
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;

    public BareHandler() {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        Region region = Region.of(System.getenv("AWS_REGION"));
        dynamoDb = DynamoDbClient.builder().httpClient(http).region(region)
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build();
        sqs = SqsClient.builder().httpClient(http).region(region)
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String id = UUID.randomUUID().toString();
        dynamoDb.putItem(put -> put.tableName(tableName).item(Map.of(
                "pk", AttributeValue.fromS("BENCH#" + id),
                "sk", AttributeValue.fromS("BASELINE"),
                "event", AttributeValue.fromS(String.valueOf(event)))));
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody("{\"id\":\"" + id + "\"}"));
        return Map.of("id", id);
    }
}
