package dev.microjobs.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.local.aws.AwsClients;
import dev.microjobs.local.aws.EmbeddedDynamoDb;
import dev.microjobs.local.aws.EmbeddedSqs;
import dev.microjobs.local.aws.LocalQueue;
import dev.microjobs.local.aws.LocalTable;
import dev.microjobs.local.aws.PortInUse;
import dev.microjobs.local.aws.QueueCreator;
import dev.microjobs.local.aws.TableCreator;
import dev.microjobs.local.http.HttpApiServer;
import dev.microjobs.local.http.RouteTable;
import dev.microjobs.local.lambda.EventJson;
import dev.microjobs.local.lambda.FunctionHost;
import dev.microjobs.local.lambda.LocalFunction;
import dev.microjobs.local.schedule.Schedules;
import dev.microjobs.local.sqs.SqsEventSourcePoller;
import dev.microjobs.local.template.FunctionDef;
import dev.microjobs.local.template.IntrinsicResolver;
import dev.microjobs.local.template.PseudoParameters;
import dev.microjobs.local.template.SqsEventSource;
import dev.microjobs.local.template.Template;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole app in this JVM, wired as the template says: DynamoDB Local with the template's
 * tables, ElasticMQ with its queues, every function's handler, the SQS event sources, the HTTP
 * API routes and the schedules.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(LocalStackOptions.onFreePorts().withTemplate(file))) {
 *     HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/health")).build(), ...);
 * }
 * }</pre>
 *
 * Handlers find their configuration in JVM system properties (their template environment,
 * resolved to local names and URLs, and the SDK's region, credentials and endpoints), so one
 * stack at a time per JVM; {@link #close()} restores the previous properties.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final PseudoParameters ACCOUNT = PseudoParameters.LOCAL;

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final Template template;
    private HttpApiServer http;
    private EmbeddedDynamoDb dynamoDb;
    private EmbeddedSqs sqs;
    private Map<String, LocalTable> tables;
    private Map<String, LocalQueue> queues;
    private Map<String, LocalFunction> functions;
    private Schedules schedules;
    private final List<SqsEventSourcePoller> pollers = new ArrayList<>();
    private final Map<String, Object> credentials = new LinkedHashMap<>();

    private LocalStack(Template template) {
        this.template = template;
    }

    /** Starts everything; on failure whatever had started is stopped again and the exception says why. */
    public static LocalStack start(LocalStackOptions options) {
        LocalStack stack = new LocalStack(TemplateSource.load(options.templateFile()));
        try {
            stack.startAll(options);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(LocalStackOptions options) {
        // Checks --param values before anything slow starts.
        Map<String, String> parameters = options.parameterValues(template.parameters().keySet());
        IntrinsicResolver namesOnly = new IntrinsicResolver(template, parameters, ACCOUNT, LocalResources.none());
        http = closing(HttpApiServer.bind(options.httpPort(), ACCOUNT));
        PortInUse.requireFree(options.dynamoDbPort(), "DynamoDB Local", "--dynamodb-port");
        PortInUse.requireFree(options.sqsPort(), "ElasticMQ", "--sqs-port");
        startServices(options);

        DynamoDbClient dynamoDbClient = closing(AwsClients.dynamoDb(dynamoDb.endpoint(), ACCOUNT.region()));
        SqsClient sqsClient = closing(AwsClients.sqs(sqs.endpoint(), ACCOUNT.region()));
        tables = createTables(dynamoDbClient, namesOnly);
        queues = new QueueCreator(sqsClient).createAll(template.queues(), queue -> queue.queueName()
                .map(name -> namesOnly.resolve(name, "Resources." + queue.logicalId() + ".Properties.QueueName"))
                .orElse(queue.logicalId()));

        IntrinsicResolver resolver = new IntrinsicResolver(template, parameters, ACCOUNT, new LocalResources(tables, queues));
        FunctionEnvironment environment = closing(FunctionEnvironment.resolve(template.functions().values(), resolver));
        Map<String, String> sdkSettings = sdkSettings(options.endpointFront());
        environment.apply(sdkSettings);
        functions = createFunctions(options.functionHost(), environment, sdkSettings);

        RouteTable routes = RouteTable.of(List.copyOf(functions.values()));
        schedules = closing(new Schedules(List.copyOf(functions.values()), ACCOUNT));
        // Lambda's pollers are SQS clients of the account too, so they go through the same front.
        startPollers(closing(AwsClients.sqs(sdkSettings.get("aws.endpointUrlSqs"), ACCOUNT.region())),
                options.batchingWindowCap());
        http.start(routes, this::health);
        schedules.start();
        runStartupTasks(options.startupTasks());
    }

    private void startServices(LocalStackOptions options) {
        // The two servers take a second or two each to start; start them side by side.
        CompletableFuture<EmbeddedSqs> startingSqs = CompletableFuture.supplyAsync(() -> EmbeddedSqs.start(options.sqsPort(), ACCOUNT));
        try {
            dynamoDb = closing(EmbeddedDynamoDb.start(options.dynamoDbPort(), options.dataDir()));
        } finally {
            try {
                sqs = closing(startingSqs.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }

    private Map<String, LocalTable> createTables(DynamoDbClient client, IntrinsicResolver namesOnly) {
        TableCreator creator = new TableCreator(client);
        Map<String, LocalTable> created = new LinkedHashMap<>();
        template.tables().values().forEach(table -> {
            String name = table.tableName()
                    .map(value -> namesOnly.resolve(value, "Resources." + table.logicalId() + ".Properties.TableName"))
                    .orElse(table.logicalId());
            created.put(table.logicalId(), creator.create(table, name));
        });
        return created;
    }

    /** What SDK v2 clients built by the handlers read, so that handler code needs no local knowledge. */
    private Map<String, String> sdkSettings(EndpointFront front) {
        return Map.of(
                "aws.region", ACCOUNT.region(),
                "aws.accessKeyId", "local",
                "aws.secretAccessKey", "local",
                "aws.endpointUrlDynamoDb", front.endpointFor("dynamodb", dynamoDb.endpoint()),
                "aws.endpointUrlSqs", front.endpointFor("sqs", sqs.endpoint()));
    }

    private Map<String, LocalFunction> createFunctions(FunctionHost host, FunctionEnvironment environment, Map<String, String> sdkSettings) {
        Map<String, LocalFunction> created = new LinkedHashMap<>();
        for (FunctionDef definition : template.functions().values()) {
            long start = System.nanoTime();
            created.put(definition.logicalId(), closing(host.create(definition, environment.of(definition, sdkSettings), ACCOUNT)));
            LOG.info("Created {} ({}) in {} ms", definition.logicalId(), definition.handlerClassName(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        return created;
    }

    private void startPollers(SqsClient client, OptionalInt batchingWindowCap) {
        for (LocalFunction function : functions.values()) {
            for (SqsEventSource declared : function.definition().events(SqsEventSource.class)) {
                if (declared.enabled()) {
                    SqsEventSource source = batchingWindowCap.isPresent()
                            ? declared.withBatchingWindowOfAtMost(batchingWindowCap.getAsInt()) : declared;
                    SqsEventSourcePoller poller = new SqsEventSourcePoller(
                            client, function, source, queues.get(source.queueLogicalId()), ACCOUNT.region());
                    pollers.add(poller);
                    poller.start();
                }
            }
        }
    }

    private void runStartupTasks(List<StartupTask> tasks) {
        credentials.put("apiUrl", apiUrl());
        for (StartupTask task : tasks) {
            try {
                credentials.putAll(task.run(this));
            } catch (Exception e) {
                throw new LocalStackException("startup task " + task.getClass().getSimpleName() + " failed: " + e.getMessage(), e);
            }
        }
    }

    private JsonNode health() {
        ObjectNode health = EventJson.MAPPER.createObjectNode();
        health.put("status", "ok");
        ObjectNode tableNames = health.putObject("tables");
        tables.values().forEach(table -> tableNames.put(table.logicalId(), table.name()));
        ObjectNode queueUrls = health.putObject("queues");
        queues.values().forEach(queue -> queueUrls.put(queue.logicalId(), queue.url()));
        functions.keySet().forEach(health.putArray("functions")::add);
        return health;
    }

    private <T extends AutoCloseable> T closing(T resource) {
        toClose.push(resource);
        return resource;
    }

    public Template template() {
        return template;
    }

    /** The HTTP API's base URL, {@code http://127.0.0.1:PORT}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + http.port();
    }

    public int httpPort() {
        return http.port();
    }

    public String dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    public String sqsEndpoint() {
        return sqs.endpoint();
    }

    /** Tables by logical id, in template order. */
    public Map<String, LocalTable> tables() {
        return Collections.unmodifiableMap(tables);
    }

    /** Queues by logical id, in template order. */
    public Map<String, LocalQueue> queues() {
        return Collections.unmodifiableMap(queues);
    }

    public String tableName(String logicalId) {
        return requireKnown(tables, logicalId, "table").name();
    }

    public String queueUrl(String logicalId) {
        return requireKnown(queues, logicalId, "queue").url();
    }

    /** Runs a schedule of a function now, on this thread, as its timer would. */
    public void fireSchedule(String functionLogicalId, String eventName) throws Exception {
        schedules.fire(functionLogicalId, eventName);
    }

    /** {@code apiUrl} plus whatever the startup tasks returned: the content of {@code --credentials-out}. */
    public Map<String, Object> credentials() {
        return Collections.unmodifiableMap(credentials);
    }

    /**
     * Stops every SQS event source, as disabling their event source mappings would: batches under
     * way finish, and messages sent from now on stay in their queues.
     */
    public void disableEventSources() {
        pollers.forEach(SqsEventSourcePoller::stop);
        for (SqsEventSourcePoller poller : pollers) {
            closeQuietly(poller);
        }
        pollers.clear();
    }

    /** Stops pollers, timers, the HTTP API, ElasticMQ and DynamoDB Local, and restores system properties. */
    @Override
    public void close() {
        disableEventSources();
        while (!toClose.isEmpty()) {
            closeQuietly(toClose.pop());
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Could not stop {} cleanly: {}", resource.getClass().getSimpleName(), e.toString());
        }
    }

    private static <T> T requireKnown(Map<String, T> resources, String logicalId, String kind) {
        T resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("no " + kind + " " + logicalId + " in the template");
        }
        return resource;
    }
}
