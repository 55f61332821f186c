package dev.microjobs.aws;

import dev.microjobs.aws.PrebuiltClients.Clients;
import dev.microjobs.aws.dynamodb.TableConfiguration;
import dev.microjobs.aws.faults.FaultInjectionInterceptor;
import dev.microjobs.aws.faults.FaultInjectionSettings;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
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
 * SDK clients as beans, built once per execution environment: in Lambda, the ones
 * {@link PrebuiltClients} started building when the handler class loaded.
 *
 * <p>Region and credentials come only from where Lambda and the local stack put them: Lambda sets
 * {@code AWS_REGION} and the credential variables, or, for SnapStart functions (the template
 * publishes versions with SnapStart on), a container credentials endpoint instead of the
 * variables; the local stack sets the {@code aws.*} system properties (and the endpoint
 * overrides). Skipping the rest of the default chains means no profile-file parsing and no
 * instance-metadata probe on a cold start.
 */
@Factory
public class AwsClients {

    private final Optional<Clients> prebuilt = PrebuiltClients.take();

    @Singleton
    SdkHttpClient httpClient() {
        return prebuilt.map(Clients::http).orElseGet(AwsClients::newHttpClient);
    }

    @Singleton
    AwsCredentialsProvider credentials() {
        return prebuilt.map(Clients::credentials).orElseGet(AwsClients::newCredentialsProvider);
    }

    @Singleton
    DynamoDbClient dynamoDb(SdkHttpClient http, AwsCredentialsProvider credentials, FaultInjectionSettings faults,
                            BeanProvider<TableConfiguration> table) {
        if (prebuilt.isPresent() && !faults.enabled()) {
            DynamoDbClient dynamoDb = prebuilt.get().dynamoDb();
            PrebuiltClients.prime(dynamoDb, table.get().getName());
            return dynamoDb;
        }
        prebuilt.ifPresent(unused -> unused.dynamoDb().close());
        return newDynamoDb(http, credentials, configuration -> withFaults(configuration, faults));
    }

    @Singleton
    SqsClient sqs(SdkHttpClient http, AwsCredentialsProvider credentials, FaultInjectionSettings faults) {
        if (prebuilt.isPresent() && !faults.enabled()) {
            return prebuilt.get().sqs();
        }
        prebuilt.ifPresent(unused -> unused.sqs().close());
        return newSqs(http, credentials, configuration -> withFaults(configuration, faults));
    }

    static SdkHttpClient newHttpClient() {
        return UrlConnectionHttpClient.create();
    }

    static AwsCredentialsProvider newCredentialsProvider() {
        return AwsCredentialsProviderChain.of(
                SystemPropertyCredentialsProvider.create(),
                EnvironmentVariableCredentialsProvider.create(),
                ContainerCredentialsProvider.create());
    }

    static DynamoDbClient newDynamoDb(SdkHttpClient http, AwsCredentialsProvider credentials,
                                      Consumer<ClientOverrideConfiguration.Builder> configuration) {
        return DynamoDbClient.builder().httpClient(http).credentialsProvider(credentials).region(region())
                .overrideConfiguration(configuration).build();
    }

    static SqsClient newSqs(SdkHttpClient http, AwsCredentialsProvider credentials,
                            Consumer<ClientOverrideConfiguration.Builder> configuration) {
        return SqsClient.builder().httpClient(http).credentialsProvider(credentials).region(region())
                .overrideConfiguration(configuration).build();
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
