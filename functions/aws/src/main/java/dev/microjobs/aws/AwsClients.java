package dev.microjobs.aws;

import dev.microjobs.aws.faults.FaultInjectionInterceptor;
import dev.microjobs.aws.faults.FaultInjectionSettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients as beans, built once per execution environment.
 *
 * <p>Region and credentials come only from system properties and environment variables:
 * Lambda sets {@code AWS_REGION} and the credential variables, the local stack sets the
 * {@code aws.*} system properties (and the endpoint overrides). Skipping the rest of the
 * default chains means no profile-file parsing and no instance-metadata probe on a cold start.
 */
@Factory
public class AwsClients {

    @Singleton
    SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.create();
    }

    @Singleton
    AwsCredentialsProvider credentials() {
        return AwsCredentialsProviderChain.of(
                SystemPropertyCredentialsProvider.create(),
                EnvironmentVariableCredentialsProvider.create());
    }

    @Singleton
    DynamoDbClient dynamoDb(SdkHttpClient http, AwsCredentialsProvider credentials, FaultInjectionSettings faults) {
        return DynamoDbClient.builder().httpClient(http).credentialsProvider(credentials).region(region())
                .overrideConfiguration(configuration -> withFaults(configuration, faults)).build();
    }

    @Singleton
    SqsClient sqs(SdkHttpClient http, AwsCredentialsProvider credentials, FaultInjectionSettings faults) {
        return SqsClient.builder().httpClient(http).credentialsProvider(credentials).region(region())
                .overrideConfiguration(configuration -> withFaults(configuration, faults)).build();
    }

    /** Chaos runs only: without fault settings (production) the clients carry no interceptor at all. */
    private static void withFaults(ClientOverrideConfiguration.Builder configuration, FaultInjectionSettings faults) {
        if (faults.enabled()) {
            RandomGenerator random = faults.seed() == 0 ? new SplittableRandom() : new SplittableRandom(faults.seed());
            configuration.addExecutionInterceptor(new FaultInjectionInterceptor(faults.sdkShare(), faults.crashAfterWriteShare(), random));
        }
    }

    private static Region region() {
        return Region.of(SdkSystemSetting.AWS_REGION.getStringValue()
                .orElseThrow(() -> new IllegalStateException("AWS_REGION is not set")));
    }
}
