package dev.microjobs.local.admin;

import dev.microjobs.aws.dynamodb.DynamoAccountStore;
import dev.microjobs.aws.dynamodb.TableConfiguration;
import dev.microjobs.core.accounts.AccountAdmin;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.local.LocalStack;
import dev.microjobs.local.StartupTask;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * On a fresh start, a demo business (with a demo balance) and a demo worker, so the API and the
 * worker UI can be tried at once. Their secrets go to {@code --credentials-out}. With a
 * {@code --data-dir} that already holds accounts nothing is created: the secrets were shown on
 * the first start and are not kept.
 */
public class DemoAccounts implements StartupTask {
    static final String TABLE = "MicrojobsTable";
    /** USD 1,000.00: enough for a few hundred demo tasks. */
    static final long DEMO_BALANCE = 100_000;
    static final Set<String> DEMO_SKILLS = Set.of("writing", "tagging", "transcription", "data-entry");

    @Override
    public Map<String, Object> run(LocalStack stack) {
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(stack.dynamoDbEndpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            TableConfiguration table = new TableConfiguration();
            table.setName(stack.tableName(TABLE));
            Clock clock = Clock.systemUTC();
            AccountAdmin admin = new AccountAdmin(new DynamoAccountStore(dynamo, table), new IdGenerator(clock), clock);
            Map<String, Object> credentials = new LinkedHashMap<>();
            if (!admin.businesses().isEmpty()) {
                credentials.put("demoAccounts", "kept from the first start; create new ones with the admin command");
                return credentials;
            }
            var business = admin.createBusiness("Demo Business", DEMO_BALANCE, "USD");
            var worker = admin.createWorker("Demo Worker", DEMO_SKILLS);
            credentials.put("businessId", business.businessId());
            credentials.put("businessApiKey", business.apiKey());
            credentials.put("workerId", worker.workerId());
            credentials.put("workerToken", worker.token());
            return credentials;
        }
    }
}
