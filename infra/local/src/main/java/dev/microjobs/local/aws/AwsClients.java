package dev.microjobs.local.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SDK clients the stack itself uses against its embedded services (dummy credentials: nothing checks them). */
public final class AwsClients {

    private static final StaticCredentialsProvider LOCAL_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb(String endpoint, String region) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(region))
                .credentialsProvider(LOCAL_CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static SqsClient sqs(String endpoint, String region) {
        return SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(region))
                .credentialsProvider(LOCAL_CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
