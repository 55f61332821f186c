package dev.microjobs.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        assertEquals("ALL", table.globalSecondaryIndexes().get(0).projectionType());
        assertEquals(Optional.of("ttl"), table.timeToLiveAttribute());
        assertEquals("S", table.attributeTypes().get("gsi2sk"));

        QueueDef drafts = template.queues().get("DraftsQueue");
        assertEquals(360, drafts.visibilityTimeoutSeconds());
        assertEquals(Optional.of(new RedrivePolicy("DraftsDeadLetterQueue", 5)), drafts.redrivePolicy());

        FunctionDef draftsFunction = template.functions().get("DraftsFunction");
        assertEquals(60, draftsFunction.timeoutSeconds());
        assertEquals(1024, draftsFunction.memorySizeMb());
        assertEquals(new SqsEventSource("Drafts", "Resources.DraftsFunction.Properties.Events.Drafts",
                "DraftsQueue", 10, 1, true, true), draftsFunction.events().get(0));
        List<String> draftsEnvironment = draftsFunction.environment().stream().map(EnvironmentVariable::name).toList();
        assertEquals("JAVA_TOOL_OPTIONS", draftsEnvironment.get(0), "Globals come first");
        assertTrue(draftsEnvironment.contains("TABLE_NAME"), draftsEnvironment::toString);

        FunctionDef intake = template.functions().get("IntakeFunction");
        assertEquals(15, intake.timeoutSeconds());
        assertTrue(intake.events(HttpApiRoute.class).stream().map(HttpApiRoute::routeKey).toList().contains("GET /v1/openapi.yaml"));
        assertEquals("AWS::Logs::LogGroup", template.resourceType("IntakeLogGroup").orElseThrow());
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
}
