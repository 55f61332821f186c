package dev.microjobs.local.template;

import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a template against what this app needs in AWS, where the local stack cannot tell:
 * handlers that Lambda can create, code in the jar a module builds, dead-letter queues and
 * partial batch failures on every queue, visibility timeouts that outlast their consumers,
 * least-privilege IAM, java17 on arm64 with SnapStart, logs with a retention, timeouts API
 * Gateway can wait for, one function per route, throttling on every HTTP API, a table that
 * survives mistakes, and outputs for what an operator needs.
 *
 * <pre>{@code
 * List<TemplateViolation> violations = new TemplateChecker(Path.of("."), getClass().getClassLoader())
 *         .check(Template.load(Path.of("template.yaml")));
 * }</pre>
 *
 * <p>Every rule is written for any resource of its type, never for a resource by name.
 */
public final class TemplateChecker {

    static final String RUNTIME = "java17";
    static final List<String> ARCHITECTURES = List.of("arm64");
    /** API Gateway stops waiting for an integration after about 30 s; a function allowed longer would answer no one. */
    static final int HTTP_API_MAX_TIMEOUT_SECONDS = 29;
    /**
     * Lambda's advice for SQS event sources: a visibility timeout of at least six times the
     * function's timeout, plus the batching window, for which a batch's first messages are held.
     */
    static final int VISIBILITY_TIMEOUT_FACTOR = 6;

    private static final String LOG_GROUP = "AWS::Logs::LogGroup";
    private static final Set<String> IAM_TYPES = Set.of("AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy");
    private static final List<String> HANDLER_INTERFACES = List.of(
            "com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler");
    /** The API SAM creates for {@code HttpApi} events that name no {@code ApiId}. */
    private static final String IMPLICIT_HTTP_API = "ServerlessHttpApi";
    private static final List<String> THROTTLING_LIMITS = List.of("ThrottlingRateLimit", "ThrottlingBurstLimit");

    private final ModuleJars moduleJars;
    private final ClassLoader handlerClasses;

    /**
     * @param projectRoot    the directory of the root pom.xml, against which {@code CodeUri}s are read
     * @param handlerClasses where the functions' handler classes are looked up
     */
    public TemplateChecker(Path projectRoot, ClassLoader handlerClasses) {
        this.moduleJars = new ModuleJars(projectRoot);
        this.handlerClasses = handlerClasses;
    }

    /** Every violation, in template order; empty when the template keeps every rule. */
    public List<TemplateViolation> check(Template template) {
        Violations violations = new Violations(template.source());
        YamlNode root = template.root();
        Map<String, YamlNode> resources = root.required("Resources").entries();
        Optional<YamlNode> globals = root.optional("Globals").flatMap(section -> section.optional("Function"));
        PolicyChecker policies = new PolicyChecker(violations);

        template.tables().values().forEach(table -> violations.guard(table.logicalId(), () ->
                checkTable(table, properties(resources.get(table.logicalId())), violations)));
        template.queues().values().forEach(queue -> violations.guard(queue.logicalId(), () -> checkQueue(template, queue, violations)));
        template.functions().values().forEach(function -> violations.guard(function.logicalId(), () ->
                checkFunction(template, function, properties(resources.get(function.logicalId())), globals, violations, policies)));
        checkRoutesAreUnique(template, violations);
        Optional<YamlNode> httpApiGlobals = root.optional("Globals").flatMap(section -> section.optional("HttpApi"));
        httpApis(template).forEach(api -> violations.guard(api, () -> checkThrottling(api,
                Optional.ofNullable(resources.get(api)).map(TemplateChecker::properties), httpApiGlobals, violations)));
        resources.forEach((id, resource) -> {
            String type = template.resourceType(id).orElse("");
            if (type.equals(LOG_GROUP)) {
                violations.guard(id, () -> checkLogGroup(id, properties(resource), violations));
            } else if (IAM_TYPES.contains(type)) {
                violations.guard(id, () -> policies.checkIamResource(id, properties(resource)));
            }
        });
        violations.guard("Outputs", () -> checkOutputs(template, root, violations));
        return violations.list();
    }

    private static void checkTable(TableDef table, YamlNode properties, Violations violations) {
        String id = table.logicalId();
        String billing = properties.optional("BillingMode").map(YamlNode::string).orElse("PROVISIONED");
        if (!billing.equals("PAY_PER_REQUEST")) {
            violations.add(id, "BillingMode", "is " + billing + "; PAY_PER_REQUEST costs nothing when idle and never throttles a burst");
        }
        boolean pointInTimeRecovery = properties.optional("PointInTimeRecoverySpecification")
                .flatMap(specification -> specification.optional("PointInTimeRecoveryEnabled"))
                .map(YamlNode::bool).orElse(false);
        if (!pointInTimeRecovery) {
            violations.add(id, "PointInTimeRecoverySpecification",
                    "point-in-time recovery is off: the ledger and escrow could not be restored after a bad write");
        }
        if (table.timeToLiveAttribute().isEmpty()) {
            violations.add(id, "TimeToLiveSpecification", "no enabled TTL: expiring items (idempotency records, leases)"
                    + " would stay, and be paid for, forever");
        }
    }

    private static void checkQueue(Template template, QueueDef queue, Violations violations) {
        Set<String> deadLetterTargets = new HashSet<>();
        template.queues().values().forEach(other -> other.redrivePolicy()
                .ifPresent(policy -> deadLetterTargets.add(policy.deadLetterQueueLogicalId())));
        if (queue.redrivePolicy().isEmpty() && !deadLetterTargets.contains(queue.logicalId())) {
            violations.add(queue.logicalId(), "RedrivePolicy", "no dead-letter queue: a message that keeps failing"
                    + " is retried until its MessageRetentionPeriod ends and is then lost");
        }
        queue.redrivePolicy().ifPresent(policy -> {
            QueueDef deadLetterQueue = template.queues().get(policy.deadLetterQueueLogicalId());
            // A standard queue keeps a message's first enqueue time when it moves it to the dead-letter queue.
            if (deadLetterQueue.messageRetentionPeriodSeconds() < queue.messageRetentionPeriodSeconds()) {
                violations.add(deadLetterQueue.logicalId(), "MessageRetentionPeriod", deadLetterQueue.messageRetentionPeriodSeconds()
                        + " s is shorter than the " + queue.messageRetentionPeriodSeconds() + " s of " + queue.logicalId()
                        + ", whose messages it receives: they would expire early, counted from their first enqueue");
            }
        });
    }

    private void checkFunction(Template template, FunctionDef function, YamlNode properties, Optional<YamlNode> globals,
                               Violations violations, PolicyChecker policies) {
        String id = function.logicalId();
        checkHandler(function).ifPresent(problem -> violations.add(id, "Handler", problem));
        moduleJars.problem(function.codeUri()).ifPresent(problem -> violations.add(id, "CodeUri", problem));
        checkRuntime(id, properties, globals, violations);
        checkLogging(template, id, properties, globals, violations);

        if (!function.events(HttpApiRoute.class).isEmpty() && function.timeoutSeconds() > HTTP_API_MAX_TIMEOUT_SECONDS) {
            violations.add(id, "Timeout", function.timeoutSeconds() + " s, but API Gateway gives up on its HttpApi routes after "
                    + HTTP_API_MAX_TIMEOUT_SECONDS + " s");
        }
        for (SqsEventSource source : function.events(SqsEventSource.class)) {
            String property = source.location().substring(("Resources." + id + ".Properties.").length()) + ".Properties";
            if (!source.reportBatchItemFailures()) {
                violations.add(id, property + ".FunctionResponseTypes", "without [ReportBatchItemFailures] one failed message"
                        + " makes the whole batch run again");
            }
            QueueDef queue = template.queues().get(source.queueLogicalId());
            int needed = VISIBILITY_TIMEOUT_FACTOR * function.timeoutSeconds() + source.maximumBatchingWindowSeconds();
            if (queue.visibilityTimeoutSeconds() < needed) {
                violations.add(queue.logicalId(), "VisibilityTimeout", queue.visibilityTimeoutSeconds() + " s is under "
                        + VISIBILITY_TIMEOUT_FACTOR + " x the " + function.timeoutSeconds() + " s Timeout of its consumer " + id
                        + " plus its " + source.maximumBatchingWindowSeconds() + " s batching window (needs " + needed
                        + " s): messages of a batch still running would be delivered again");
            }
        }
        properties.optional("Policies").ifPresent(declared -> policies.checkFunctionPolicies(id, declared));
    }

    /** What keeps Lambda from creating the handler with its no-arg constructor, if anything. */
    private Optional<String> checkHandler(FunctionDef function) {
        String name = function.handlerClassName();
        Class<?> type;
        try {
            type = Class.forName(name, false, handlerClasses);
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of("class " + name + " does not exist (" + e + ")");
        }
        boolean isHandler = HANDLER_INTERFACES.stream().anyMatch(handlerInterface -> implementsInterface(type, handlerInterface));
        if (!isHandler) {
            return Optional.of(name + " implements neither RequestHandler nor RequestStreamHandler");
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            return Optional.of(name + " must be a public concrete class for Lambda to create it");
        }
        try {
            type.getConstructor();
        } catch (NoSuchMethodException e) {
            return Optional.of(name + " has no public no-arg constructor, the only one Lambda calls");
        }
        return Optional.empty();
    }

    private boolean implementsInterface(Class<?> type, String interfaceName) {
        try {
            return Class.forName(interfaceName, false, handlerClasses).isAssignableFrom(type);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void checkRuntime(String id, YamlNode properties, Optional<YamlNode> globals, Violations violations) {
        Optional<YamlNode> runtime = merged("Runtime", properties, globals);
        if (runtime.isEmpty() || !runtime.get().string().equals(RUNTIME)) {
            violations.add(id, "Runtime", "expected " + RUNTIME + ", got " + runtime.map(YamlNode::describe).orElse("nothing"));
        }
        Optional<YamlNode> architectures = merged("Architectures", properties, globals);
        if (architectures.isEmpty() || !architectures.get().strings().equals(ARCHITECTURES)) {
            violations.add(id, "Architectures", "expected " + ARCHITECTURES + " (Graviton: cheaper per GB-second), got "
                    + architectures.map(node -> node.isList() ? String.valueOf(node.strings()) : node.describe()).orElse("nothing (x86_64)"));
        }
        String applyOn = merged("SnapStart", properties, globals)
                .flatMap(snapStart -> snapStart.optional("ApplyOn")).map(YamlNode::string).orElse("None");
        if (!applyOn.equals("PublishedVersions")) {
            violations.add(id, "SnapStart", "ApplyOn is " + applyOn + "; PublishedVersions cuts a Java cold start from seconds to"
                    + " a fraction of one");
        }
        if (merged("AutoPublishAlias", properties, globals).isEmpty()) {
            violations.add(id, "AutoPublishAlias", "missing: SnapStart only applies to published versions, and without an"
                    + " alias SAM publishes none");
        }
    }

    private static void checkLogging(Template template, String id, YamlNode properties, Optional<YamlNode> globals,
                                     Violations violations) {
        Optional<YamlNode> logGroup = merged("LoggingConfig", properties, globals).flatMap(config -> config.optional("LogGroup"));
        Optional<String> reference = logGroup.map(YamlNode::templateValue)
                .filter(TemplateValue.Ref.class::isInstance).map(value -> ((TemplateValue.Ref) value).name());
        if (reference.isEmpty() || !template.resourceType(reference.get()).orElse("").equals(LOG_GROUP)) {
            violations.add(id, "LoggingConfig.LogGroup", "expected !Ref of an " + LOG_GROUP + " of this template, got "
                    + logGroup.map(YamlNode::describe).orElse("nothing")
                    + ": Lambda's own log group keeps logs forever");
        }
    }

    private static void checkLogGroup(String id, YamlNode properties, Violations violations) {
        if (properties.optional("RetentionInDays").isEmpty()) {
            violations.add(id, "RetentionInDays", "missing: the logs would be kept (and paid for) forever");
        }
    }

    private static void checkRoutesAreUnique(Template template, Violations violations) {
        Map<String, String> servedBy = new HashMap<>();
        template.functions().values().forEach(function -> function.events(HttpApiRoute.class).forEach(route -> {
            String here = function.logicalId() + " (" + route.eventName() + ")";
            String first = servedBy.putIfAbsent(route.routeKey(), here);
            if (first != null) {
                violations.add(function.logicalId(), "Events." + route.eventName(),
                        "route " + route.routeKey() + " is already served by " + first + "; API Gateway refuses a second");
            }
        }));
    }

    /**
     * Without a stage-wide limit, a flood that no key identifies (the per-key limits run only
     * after authentication) runs functions and DynamoDB reads up to the account's whole
     * concurrency and is paid for per request.
     */
    private static void checkThrottling(String api, Optional<YamlNode> properties, Optional<YamlNode> globals,
                                        Violations violations) {
        Optional<YamlNode> settings = properties.flatMap(own -> own.optional("DefaultRouteSettings"))
                .or(() -> globals.flatMap(section -> section.optional("DefaultRouteSettings")));
        for (String limit : THROTTLING_LIMITS) {
            if (settings.flatMap(routeSettings -> routeSettings.optional(limit)).isEmpty()) {
                violations.add(api, "DefaultRouteSettings." + limit, "missing: without API Gateway throttling a flood of"
                        + " requests, with or without a key, runs the functions up to the account's concurrency limit");
            }
        }
    }

    /** The template's HTTP APIs, with the one SAM makes when routes name none. */
    private static Set<String> httpApis(Template template) {
        Set<String> apis = new TreeSet<>();
        template.resourceTypes().forEach((id, type) -> {
            if (type.equals(ResourceTypes.HTTP_API)) {
                apis.add(id);
            }
        });
        boolean hasRoutes = template.functions().values().stream().anyMatch(function -> !function.events(HttpApiRoute.class).isEmpty());
        if (apis.isEmpty() && hasRoutes) {
            apis.add(IMPLICIT_HTTP_API);
        }
        return apis;
    }

    /** An operator needs the API's URL, the table's name and every queue's URL (to redrive a dead-letter queue). */
    private static void checkOutputs(Template template, YamlNode root, Violations violations) {
        Set<String> referenced = new HashSet<>();
        root.optional("Outputs").ifPresent(outputs -> outputs.entries().values().forEach(output ->
                output.optional("Value").ifPresent(value -> referencedResources(value, referenced))));
        httpApis(template).forEach(api -> requireOutput(api, "its URL, e.g. !Sub https://${" + api + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/",
                referenced, violations));
        template.tables().keySet().forEach(table -> requireOutput(table, "its name, !Ref " + table, referenced, violations));
        template.queues().keySet().forEach(queue -> requireOutput(queue, "its URL, !Ref " + queue, referenced, violations));
    }

    private static void requireOutput(String id, String what, Set<String> referenced, Violations violations) {
        if (!referenced.contains(id)) {
            violations.add(id, "Outputs", "no output gives " + what);
        }
    }

    /** The resources (and parameters) a value of an output refers to; values the model cannot read refer to nothing. */
    private static void referencedResources(YamlNode value, Set<String> referenced) {
        TemplateValue parsed;
        try {
            parsed = value.templateValue();
        } catch (TemplateException e) {
            return;
        }
        collect(parsed, referenced);
    }

    private static void collect(TemplateValue value, Set<String> referenced) {
        if (value instanceof TemplateValue.Ref ref) {
            referenced.add(ref.name());
        } else if (value instanceof TemplateValue.GetAtt getAtt) {
            referenced.add(getAtt.logicalId());
        } else if (value instanceof TemplateValue.Sub sub) {
            SubText.parse(sub.text()).stream().filter(SubText.Part::isReference)
                    .map(part -> part.text().contains(".") ? part.text().substring(0, part.text().indexOf('.')) : part.text())
                    .forEach(referenced::add);
            sub.variables().values().forEach(variable -> collect(variable, referenced));
        } else if (value instanceof TemplateValue.Join join) {
            join.values().forEach(item -> collect(item, referenced));
        } else if (value instanceof TemplateValue.ListValue list) {
            list.items().forEach(item -> collect(item, referenced));
        } else if (value instanceof TemplateValue.Select select) {
            collect(select.list(), referenced);
        }
    }

    private static Optional<YamlNode> merged(String key, YamlNode properties, Optional<YamlNode> globals) {
        return properties.optional(key).or(() -> globals.flatMap(section -> section.optional(key)));
    }

    private static YamlNode properties(YamlNode resource) {
        return resource.optional("Properties").orElseGet(() -> new YamlNode(Map.of(), resource.source(), resource.location() + ".Properties"));
    }
}
