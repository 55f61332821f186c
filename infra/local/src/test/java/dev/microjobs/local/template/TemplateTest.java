package dev.microjobs.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private static final String QUEUES = """
            Resources:
              WorkQueue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 2
                  RedrivePolicy:
                    deadLetterTargetArn: { "Fn::GetAtt": [WorkDeadLetterQueue, Arn] }
                    maxReceiveCount: 2
              WorkDeadLetterQueue:
                Type: AWS::SQS::Queue
            """;

    @Test
    void readsTheRealTemplate() {
        Template template = Template.load(Path.of("../../template.yaml"));

        TableDef table = template.tables().get("MicrojobsTable");
        assertEquals(List.of(new KeyElement("pk", "HASH"), new KeyElement("sk", "RANGE")), table.keySchema());
        assertEquals(List.of("gsi1", "gsi2"), table.globalSecondaryIndexes().stream().map(IndexDef::indexName).toList());
        assertEquals("INCLUDE", table.globalSecondaryIndexes().get(1).projectionType());
        assertEquals(List.of("skills", "jobId", "inputIndex"), table.globalSecondaryIndexes().get(1).nonKeyAttributes());
        assertEquals(Optional.of("ttl"), table.timeToLiveAttribute());
        assertEquals("S", table.attributeTypes().get("gsi2sk"));

        QueueDef drafts = template.queues().get("DraftsQueue");
        assertEquals(360, drafts.visibilityTimeoutSeconds());
        assertEquals(Optional.of(new RedrivePolicy("DraftsDeadLetterQueue", 5)), drafts.redrivePolicy());

        FunctionDef draftsFunction = template.functions().get("DraftsFunction");
        assertEquals(60, draftsFunction.timeoutSeconds());
        assertEquals(1024, draftsFunction.memorySizeMb());
        assertEquals(new SqsEventSource("Drafts", "Resources.DraftsFunction.Properties.Events.Drafts",
                "DraftsQueue", 10, 0, true, true, 0), draftsFunction.events().get(0));
        List<String> draftsEnvironment = draftsFunction.environment().stream().map(EnvironmentVariable::name).toList();
        assertEquals("JAVA_TOOL_OPTIONS", draftsEnvironment.get(0), "Globals come first");
        assertTrue(draftsEnvironment.contains("TABLE_NAME"), draftsEnvironment::toString);

        FunctionDef intake = template.functions().get("IntakeFunction");
        assertEquals(15, intake.timeoutSeconds());
        assertTrue(intake.events(HttpApiRoute.class).stream().map(HttpApiRoute::routeKey).toList().contains("GET /v1/openapi.yaml"));
        assertEquals("AWS::Logs::LogGroup", template.resourceType("IntakeLogGroup").orElseThrow());
    }

    @Test
    void appliesSqsDefaultsToAbsentQueueProperties() {
        QueueDef deadLetterQueue = Template.parse(QUEUES, "test.yaml").queues().get("WorkDeadLetterQueue");
        assertEquals(QueueDef.DEFAULT_VISIBILITY_TIMEOUT_SECONDS, deadLetterQueue.visibilityTimeoutSeconds());
        assertEquals(QueueDef.DEFAULT_MESSAGE_RETENTION_PERIOD_SECONDS, deadLetterQueue.messageRetentionPeriodSeconds());
        assertEquals(Optional.empty(), deadLetterQueue.redrivePolicy());
    }

    @Test
    void readsShortAndLongFormIntrinsics() {
        Template template = Template.parse(QUEUES + """
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Worker::handleRequest
                      Environment:
                        Variables:
                          SHORT: !GetAtt WorkQueue.Arn
                          LONG: { "Ref": WorkQueue }
                          SUB: !Sub ["${AWS::Region}/${Name}", { Name: !GetAtt WorkQueue.QueueName }]
                          JOINED: !Join [",", [a, !Ref WorkQueue]]
                          PICKED: !Select [1, [a, b]]
                """, "test.yaml");

        FunctionDef worker = template.functions().get("Worker");
        assertEquals("example.Worker", worker.handlerClassName());
        assertEquals(FunctionDef.DEFAULT_TIMEOUT_SECONDS, worker.timeoutSeconds());
        Map<String, TemplateValue> values = new LinkedHashMap<>();
        worker.environment().forEach(variable -> values.put(variable.name(), variable.value()));
        assertEquals(new TemplateValue.GetAtt("WorkQueue", "Arn"), values.get("SHORT"));
        assertEquals(new TemplateValue.Ref("WorkQueue"), values.get("LONG"));
        assertEquals(new TemplateValue.Sub("${AWS::Region}/${Name}",
                Map.of("Name", new TemplateValue.GetAtt("WorkQueue", "QueueName"))), values.get("SUB"));
        assertEquals(new TemplateValue.Join(",", List.of(new TemplateValue.Literal("a"), new TemplateValue.Ref("WorkQueue"))),
                values.get("JOINED"));
        assertTrue(values.get("PICKED") instanceof TemplateValue.Select);
    }

    @Test
    void mergesGlobalsIntoEachFunction() {
        Template template = Template.parse("""
                Globals:
                  Function:
                    Timeout: 15
                    Handler: example.Default
                    Environment:
                      Variables: { SHARED: global, OVERRIDDEN: global }
                Resources:
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Timeout: 20
                      Environment:
                        Variables: { OVERRIDDEN: own }
                """, "test.yaml");

        FunctionDef worker = template.functions().get("Worker");
        assertEquals(20, worker.timeoutSeconds());
        assertEquals("example.Default", worker.handler());
        assertEquals(List.of(
                new EnvironmentVariable("SHARED", new TemplateValue.Literal("global"), "Globals.Function.Environment.Variables.SHARED"),
                new EnvironmentVariable("OVERRIDDEN", new TemplateValue.Literal("own"), "Resources.Worker.Properties.Environment.Variables.OVERRIDDEN")),
                worker.environment());
    }

    @Test
    void readsHttpRoutesAndSchedules() {
        Template template = Template.parse("""
                Resources:
                  Api:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Api
                      Events:
                        Get: { Type: HttpApi, Properties: { Method: get, Path: "/v1/jobs/{id}" } }
                        Fallback: { Type: HttpApi }
                        Tick: { Type: Schedule, Properties: { Schedule: rate(1 minute) } }
                        Off: { Type: ScheduleV2, Properties: { ScheduleExpression: rate(2 hours), State: DISABLED } }
                """, "test.yaml");

        List<HttpApiRoute> routes = template.functions().get("Api").events(HttpApiRoute.class);
        assertEquals("GET /v1/jobs/{id}", routes.get(0).routeKey());
        assertEquals("$default", routes.get(1).routeKey());
        List<ScheduleEvent> schedules = template.functions().get("Api").events(ScheduleEvent.class);
        assertEquals("rate(1 minute)", schedules.get(0).expression());
        assertTrue(schedules.get(0).enabled());
        assertFalse(schedules.get(1).enabled());
    }

    @Test
    void runsFiveBatchesAtOnceLikeLambdaUnlessMaximumConcurrencyIsLower() {
        Template template = Template.parse(QUEUES + """
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Worker
                      Events:
                        Default: { Type: SQS, Properties: { Queue: !GetAtt WorkQueue.Arn } }
                        Capped: { Type: SQS, Properties: { Queue: !GetAtt WorkDeadLetterQueue.Arn, ScalingConfig: { MaximumConcurrency: 2 } } }
                """, "test.yaml");

        List<SqsEventSource> sources = template.functions().get("Worker").events(SqsEventSource.class);
        assertEquals(5, sources.get(0).concurrentBatches());
        assertEquals(2, sources.get(1).concurrentBatches());
        assertError("Resources.Worker.Properties.Events.Work.Properties.ScalingConfig.MaximumConcurrency: MaximumConcurrency must be between 2 and 1000, got 1", QUEUES + """
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Worker
                      Events: { Work: { Type: SQS, Properties: { Queue: !GetAtt WorkQueue.Arn, ScalingConfig: { MaximumConcurrency: 1 } } } }
                """);
    }

    @Test
    void namesResourceAndPropertyOfABadNumber() {
        TemplateException error = assertThrows(TemplateException.class,
                () -> Template.parse(QUEUES.replace("maxReceiveCount: 2", "maxReceiveCount: five"), "template.yaml"));
        assertEquals("template.yaml: Resources.WorkQueue.Properties.RedrivePolicy.maxReceiveCount: expected a whole number, got \"five\"",
                error.getMessage());
    }

    @Test
    void rejectsWhatWouldChangeBehaviour() {
        assertError("Resources.Topic.Type: resource type AWS::SNS::Topic is not supported by the local stack", """
                Resources:
                  Topic: { Type: AWS::SNS::Topic }
                """);
        assertError("Resources.Worker.Properties.Environment.Variables.MODE: intrinsic function !If is not supported by the local stack", """
                Resources:
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Worker
                      Environment: { Variables: { MODE: !If [IsProd, a, b] } }
                """);
        assertError("Resources.Worker.Properties.Events.Stream.Type: event type DynamoDB is not supported by the local stack", """
                Resources:
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Worker
                      Events: { Stream: { Type: DynamoDB, Properties: { Stream: arn } } }
                """);
        assertError("Resources.Worker.Properties.Events.Work.Properties.Queue: expected !GetAtt <Queue>.Arn of a queue in this template, got \"arn:aws:sqs:us-east-1:1:q\"", """
                Resources:
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Worker
                      Events: { Work: { Type: SQS, Properties: { Queue: "arn:aws:sqs:us-east-1:1:q" } } }
                """);
        assertError("Resources.Worker.Properties.Environment.Variables.TABLE: Missing is neither a parameter nor a resource of this template", """
                Resources:
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Worker
                      Environment: { Variables: { TABLE: !Ref Missing } }
                """);
        assertError("Resources.Worker.Properties: missing required property Handler", """
                Resources:
                  Worker: { Type: AWS::Serverless::Function, Properties: { Timeout: 3 } }
                """);
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheLine() {
        TemplateException error = assertThrows(TemplateException.class,
                () -> Template.parse("Resources:\n  A: [unclosed\n", "template.yaml"));
        assertTrue(error.getMessage().startsWith("template.yaml: line "), error.getMessage());
    }

    private static void assertError(String expected, String yaml) {
        TemplateException error = assertThrows(TemplateException.class, () -> Template.parse(yaml, "template.yaml"));
        assertEquals("template.yaml: " + expected, error.getMessage());
    }

    /**
     * {@link TemplateChecker} on the real template, and on copies of it with one mistake each:
     * a rule is only trusted once a test has watched it catch its mistake. The copies pick
     * their targets from the template's model (the first queue with a dead-letter queue, the
     * first SQS consumer, ...), so they keep working as resources are added.
     */
    @Nested
    class Checker {

        private static final Path PROJECT_ROOT = Path.of("../..");
        private static final Path REAL_TEMPLATE = PROJECT_ROOT.resolve("template.yaml");

        private final TemplateChecker checker = new TemplateChecker(PROJECT_ROOT, TemplateTest.class.getClassLoader());
        private final Template real = Template.load(REAL_TEMPLATE);

        @Test
        void theRealTemplateKeepsEveryRule() {
            assertEquals(List.of(), checker.check(real));
        }

        @Test
        void aQueueWithoutDeadLetterQueue() {
            QueueDef queue = real.queues().values().stream().filter(q -> q.redrivePolicy().isPresent()).findFirst().orElseThrow();
            assertViolation(queue.logicalId(), "RedrivePolicy", "no dead-letter queue",
                    yaml -> properties(yaml, queue.logicalId()).remove("RedrivePolicy"));
        }

        @Test
        void aDeadLetterQueueThatForgetsSooner() {
            QueueDef queue = real.queues().values().stream().filter(q -> q.redrivePolicy().isPresent()).findFirst().orElseThrow();
            String deadLetterQueue = queue.redrivePolicy().get().deadLetterQueueLogicalId();
            assertViolation(deadLetterQueue, "MessageRetentionPeriod", "expire early",
                    yaml -> properties(yaml, deadLetterQueue).put("MessageRetentionPeriod", queue.messageRetentionPeriodSeconds() - 1));
        }

        @Test
        void anSqsEventWithoutPartialBatchFailures() {
            FunctionDef consumer = firstWith(SqsEventSource.class);
            SqsEventSource source = consumer.events(SqsEventSource.class).get(0);
            assertViolation(consumer.logicalId(), "Events." + source.eventName() + ".Properties.FunctionResponseTypes",
                    "ReportBatchItemFailures", yaml -> eventProperties(yaml, consumer, source.eventName()).remove("FunctionResponseTypes"));
        }

        @Test
        void aVisibilityTimeoutShorterThanSixConsumerTimeouts() {
            FunctionDef consumer = firstWith(SqsEventSource.class);
            String queue = consumer.events(SqsEventSource.class).get(0).queueLogicalId();
            assertViolation(queue, "VisibilityTimeout", "6 x the " + consumer.timeoutSeconds() + " s Timeout of its consumer",
                    yaml -> properties(yaml, queue).put("VisibilityTimeout", 6 * consumer.timeoutSeconds() - 1));
        }

        @Test
        void aBatchingWindowCappedForTestsIsTheCapOrShorter() {
            SqsEventSource payouts = real.functions().get("PayoutsFunction").events(SqsEventSource.class).get(0);
            assertEquals(10, payouts.maximumBatchingWindowSeconds());
            assertEquals(1, payouts.withBatchingWindowOfAtMost(1).maximumBatchingWindowSeconds());
            assertEquals(10, payouts.withBatchingWindowOfAtMost(30).maximumBatchingWindowSeconds());
            assertEquals(payouts.batchSize(), payouts.withBatchingWindowOfAtMost(1).batchSize());
        }

        @Test
        void aVisibilityTimeoutThatLeavesOutTheBatchingWindow() {
            FunctionDef consumer = real.functions().get("PayoutsFunction");
            SqsEventSource source = consumer.events(SqsEventSource.class).get(0);
            assertTrue(source.maximumBatchingWindowSeconds() > 0, "the payouts queue gathers its batches");
            assertViolation(source.queueLogicalId(), "VisibilityTimeout",
                    "plus its " + source.maximumBatchingWindowSeconds() + " s batching window",
                    yaml -> properties(yaml, source.queueLogicalId()).put("VisibilityTimeout", 6 * consumer.timeoutSeconds()));
        }

        @Test
        void aStatementAllowingEveryAction() {
            String function = real.functions().keySet().iterator().next();
            int index = policies(function);
            List<TemplateViolation> violations = mutated(yaml -> addPolicy(yaml, function,
                    Map.of("Statement", List.of(Map.of("Effect", "Allow", "Action", "*", "Resource", "*")))));
            assertHas(violations, function, "Policies[" + index + "].Statement[0].Action", "grants every action");
            assertHas(violations, function, "Policies[" + index + "].Statement[0].Resource", "name the resources");

            violations = mutated(yaml -> addPolicy(yaml, function,
                    Map.of("Statement", Map.of("Effect", "Allow", "Action", List.of("sqs:*"), "Resource", "arn:aws:sqs:*:*:x"))));
            assertHas(violations, function, "Policies[" + index + "].Statement.Action", "every action of sqs");
        }

        @Test
        void aStatementOnEveryResourceWhereOneCouldBeNamed() {
            String function = real.functions().keySet().iterator().next();
            int index = policies(function);
            assertViolation(function, "Policies[" + index + "].Statement[0].Resource", "name the resources",
                    yaml -> addPolicy(yaml, function, Map.of("Statement",
                            List.of(Map.of("Effect", "Allow", "Action", List.of("dynamodb:GetItem"), "Resource", "*")))));
            // Metrics have no ARN: "*" is the only resource IAM accepts for them.
            assertEquals(List.of(), mutated(yaml -> addPolicy(yaml, function, Map.of("Statement",
                    List.of(Map.of("Effect", "Allow", "Action", "cloudwatch:PutMetricData", "Resource", "*"))))));
        }

        @Test
        void broadManagedPoliciesAndUnscopedPolicyTemplates() {
            String function = real.functions().keySet().iterator().next();
            int index = policies(function);
            assertViolation(function, "Policies[" + index + "]", "AdministratorAccess",
                    yaml -> addPolicy(yaml, function, "arn:aws:iam::aws:policy/AdministratorAccess"));
            assertViolation(function, "Policies[" + index + "].SQSPollerPolicy.QueueName", "name the resource",
                    yaml -> addPolicy(yaml, function, Map.of("SQSPollerPolicy", Map.of("QueueName", "*"))));
        }

        @Test
        void aHandlerClassThatDoesNotExist() {
            String function = real.functions().keySet().iterator().next();
            assertViolation(function, "Handler", "does not exist",
                    yaml -> properties(yaml, function).put("Handler", "dev.microjobs.nowhere.MissingHandler"));
        }

        @Test
        void aHandlerClassThatIsNoLambdaHandler() {
            String function = real.functions().keySet().iterator().next();
            assertViolation(function, "Handler", "implements neither RequestHandler nor RequestStreamHandler",
                    yaml -> properties(yaml, function).put("Handler", Template.class.getName()));
            String abstractHandler = real.functions().values().iterator().next().handlerClassName();
            Class<?> base = classOf(abstractHandler).getSuperclass();
            assertViolation(function, "Handler", "public concrete class",
                    yaml -> properties(yaml, function).put("Handler", base.getName()));
        }

        @Test
        void aCodeUriThatNoModuleBuilds() {
            FunctionDef function = real.functions().values().iterator().next();
            String module = function.codeUri().substring(0, function.codeUri().indexOf("/target/"));
            assertViolation(function.logicalId(), "CodeUri", "not a Maven module",
                    yaml -> properties(yaml, function.logicalId()).put("CodeUri", "functions/nowhere/target/nowhere.jar"));
            assertViolation(function.logicalId(), "CodeUri", "set <build><finalName>",
                    yaml -> properties(yaml, function.logicalId()).put("CodeUri", module + "/target/other.jar"));
            assertViolation(function.logicalId(), "CodeUri", "is not <module>/target/<name>.jar",
                    yaml -> properties(yaml, function.logicalId()).put("CodeUri", module + "/"));
        }

        @Test
        void runtimeArchitectureSnapStartAndAlias() {
            String function = real.functions().keySet().iterator().next();
            assertViolation(function, "Runtime", "expected java17",
                    yaml -> properties(yaml, function).put("Runtime", "java21"));
            assertViolation(function, "Architectures", "expected [arm64]",
                    yaml -> properties(yaml, function).put("Architectures", List.of("x86_64")));
            assertViolation(function, "SnapStart", "PublishedVersions",
                    yaml -> properties(yaml, function).put("SnapStart", Map.of("ApplyOn", "None")));
            List<TemplateViolation> withoutAlias = mutated(yaml -> {
                globals(yaml).remove("AutoPublishAlias");
                properties(yaml, function).remove("AutoPublishAlias");
            });
            assertHas(withoutAlias, function, "AutoPublishAlias", "publishes none");
        }

        @Test
        void logsWithoutRetention() {
            String function = real.functions().keySet().iterator().next();
            assertViolation(function, "LoggingConfig.LogGroup", "expected !Ref of an AWS::Logs::LogGroup",
                    yaml -> properties(yaml, function).remove("LoggingConfig"));
            String logGroup = real.resourceTypes().entrySet().stream()
                    .filter(entry -> entry.getValue().equals("AWS::Logs::LogGroup")).findFirst().orElseThrow().getKey();
            assertViolation(logGroup, "RetentionInDays", "forever",
                    yaml -> properties(yaml, logGroup).remove("RetentionInDays"));
        }

        @Test
        void anHttpFunctionThatMayRunLongerThanApiGatewayWaits() {
            String function = firstWith(HttpApiRoute.class).logicalId();
            assertViolation(function, "Timeout", "gives up",
                    yaml -> properties(yaml, function).put("Timeout", TemplateChecker.HTTP_API_MAX_TIMEOUT_SECONDS + 1));
        }

        @Test
        @SuppressWarnings("unchecked")
        void anHttpApiWithoutThrottling() {
            String api = real.resourceTypes().entrySet().stream()
                    .filter(entry -> entry.getValue().equals("AWS::Serverless::HttpApi")).findFirst().orElseThrow().getKey();
            assertViolation(api, "DefaultRouteSettings.ThrottlingRateLimit", "without API Gateway throttling",
                    yaml -> properties(yaml, api).remove("DefaultRouteSettings"));
            assertViolation(api, "DefaultRouteSettings.ThrottlingBurstLimit", "without API Gateway throttling",
                    yaml -> ((Map<String, Object>) properties(yaml, api).get("DefaultRouteSettings")).remove("ThrottlingBurstLimit"));
            // SAM applies Globals.HttpApi to every HTTP API: throttling set there counts.
            assertEquals(List.of(), mutated(yaml -> {
                Object settings = properties(yaml, api).remove("DefaultRouteSettings");
                ((Map<String, Object>) yaml.get("Globals")).put("HttpApi", Map.of("DefaultRouteSettings", settings));
            }));
        }

        @Test
        void oneRouteServedTwice() {
            FunctionDef function = firstWith(HttpApiRoute.class);
            String event = function.events(HttpApiRoute.class).get(0).eventName();
            assertViolation(function.logicalId(), "Events." + event + "Again", "already served by " + function.logicalId(),
                    yaml -> events(yaml, function.logicalId()).put(event + "Again", events(yaml, function.logicalId()).get(event)));
        }

        @Test
        void aTableThatCannotBeRestoredOrCostsWhenIdle() {
            String table = real.tables().keySet().iterator().next();
            assertViolation(table, "PointInTimeRecoverySpecification", "point-in-time recovery is off",
                    yaml -> properties(yaml, table).remove("PointInTimeRecoverySpecification"));
            assertViolation(table, "BillingMode", "PAY_PER_REQUEST",
                    yaml -> properties(yaml, table).put("BillingMode", "PROVISIONED"));
            assertViolation(table, "TimeToLiveSpecification", "no enabled TTL",
                    yaml -> properties(yaml, table).remove("TimeToLiveSpecification"));
        }

        @Test
        void outputsForTheApiTheTableAndEveryQueue() {
            String queue = real.queues().keySet().iterator().next();
            String table = real.tables().keySet().iterator().next();
            List<TemplateViolation> violations = mutated(yaml -> outputs(yaml).values()
                    .removeIf(output -> output.toString().contains(queue) || output.toString().contains(table)));
            assertHas(violations, queue, "Outputs", "no output gives its URL");
            assertHas(violations, table, "Outputs", "no output gives its name");
            List<TemplateViolation> withoutOutputs = mutated(yaml -> yaml.remove("Outputs"));
            real.resourceTypes().forEach((id, type) -> {
                if (type.equals("AWS::Serverless::HttpApi")) {
                    assertHas(withoutOutputs, id, "Outputs", "no output gives its URL");
                }
            });
        }

        @Test
        void aPropertyTheCheckerCannotReadIsAViolationToo() {
            String function = real.functions().keySet().iterator().next();
            assertViolation(function, "SnapStart", "expected a mapping, got a list",
                    yaml -> properties(yaml, function).put("SnapStart", List.of("PublishedVersions")));
        }

        private void assertViolation(String resource, String property, String messagePart, Consumer<Map<String, Object>> mistake) {
            assertHas(mutated(mistake), resource, property, messagePart);
        }

        private static void assertHas(List<TemplateViolation> violations, String resource, String property, String messagePart) {
            assertTrue(violations.stream().anyMatch(violation -> violation.resource().equals(resource)
                            && violation.property().equals(property) && violation.message().contains(messagePart)),
                    () -> "expected " + resource + "." + property + ": ..." + messagePart + "... in " + violations);
        }

        /** The checker's verdict on the real template with {@code mistake} made to its YAML. */
        private List<TemplateViolation> mutated(Consumer<Map<String, Object>> mistake) {
            Map<String, Object> yaml = realYaml();
            mistake.accept(yaml);
            return checker.check(new TemplateReader("mutated.yaml").read(yaml));
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> realYaml() {
            try {
                return (Map<String, Object>) CloudFormationYaml.load(Files.readString(REAL_TEMPLATE), "template.yaml");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private FunctionDef firstWith(Class<? extends FunctionEvent> eventType) {
            return real.functions().values().stream().filter(function -> !function.events(eventType).isEmpty())
                    .findFirst().orElseThrow(() -> new AssertionError("no function has a " + eventType.getSimpleName() + " event"));
        }

        /** How many policies {@code function} has: the index a policy added to it gets. */
        private static int policies(String function) {
            Object policies = properties(realYaml(), function).get("Policies");
            return policies instanceof List<?> list ? list.size() : policies == null ? 0 : 1;
        }

        @SuppressWarnings("unchecked")
        private static void addPolicy(Map<String, Object> yaml, String function, Object policy) {
            Object existing = properties(yaml, function).get("Policies");
            List<Object> policies = existing instanceof List<?> list ? (List<Object>) list
                    : existing == null ? new ArrayList<>() : new ArrayList<>(List.of(existing));
            policies.add(policy);
            properties(yaml, function).put("Policies", policies);
        }

        private static Class<?> classOf(String name) {
            try {
                return Class.forName(name, false, TemplateTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> properties(Map<String, Object> yaml, String resource) {
            Map<String, Object> resources = (Map<String, Object>) yaml.get("Resources");
            return (Map<String, Object>) ((Map<String, Object>) resources.get(resource)).get("Properties");
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> events(Map<String, Object> yaml, String function) {
            return (Map<String, Object>) properties(yaml, function).get("Events");
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> eventProperties(Map<String, Object> yaml, FunctionDef function, String event) {
            return (Map<String, Object>) ((Map<String, Object>) events(yaml, function.logicalId()).get(event)).get("Properties");
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> globals(Map<String, Object> yaml) {
            return (Map<String, Object>) ((Map<String, Object>) yaml.get("Globals")).get("Function");
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> outputs(Map<String, Object> yaml) {
            return (Map<String, Object>) yaml.get("Outputs");
        }
    }
}
