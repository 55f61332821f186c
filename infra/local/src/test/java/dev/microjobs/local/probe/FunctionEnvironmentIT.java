package dev.microjobs.local.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.microjobs.local.template.EnvironmentVariable;
import dev.microjobs.local.template.FunctionDef;
import dev.microjobs.local.template.IntrinsicResolver;
import dev.microjobs.local.template.ParameterDef;
import dev.microjobs.local.template.PseudoParameters;
import dev.microjobs.local.template.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every function of template.yaml starts as Lambda starts it: its shaded jar from
 * {@code CodeUri}, an environment of exactly its template variables plus what Lambda sets,
 * and its handler created with the no-arg constructor ({@link HandlerProbe}, in a JVM of its
 * own). Handlers build their whole bean graph at construction, so a variable that the code
 * needs and the template does not set fails here, naming the variable, instead of on the
 * first request in AWS.
 *
 * <p>Needs the functions' jars: run in {@code mvn verify}, after the reactor has packaged them.
 */
class FunctionEnvironmentIT {

    private static final Path PROJECT_ROOT = Path.of("../..");
    /** Where configuration meets the environment: {@code ${NAME}} is required, {@code ${NAME:default}} optional. */
    private static final Path APPLICATION_PROPERTIES = PROJECT_ROOT.resolve("functions/aws/src/main/resources/application.properties");
    private static final Pattern REQUIRED_PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final PseudoParameters ACCOUNT = new PseudoParameters("us-east-1", "123456789012", "microjobs");
    private static final long START_TIMEOUT_SECONDS = 60;

    private static final Template TEMPLATE = Template.load(PROJECT_ROOT.resolve("template.yaml"));

    @TempDir
    static Path probeClasses;

    private static Map<String, CompletableFuture<ProbeResult>> started;
    private static String functionWithoutVariable;
    private static String removedVariable;
    private static CompletableFuture<ProbeResult> startedWithoutVariable;

    /** Starts every child JVM at once; the tests then wait for the ones they look at. */
    @BeforeAll
    static void startEveryFunction() throws IOException {
        copyProbeClass();
        IntrinsicResolver resolver = new IntrinsicResolver(TEMPLATE, parametersWithoutDefault(), ACCOUNT, new DummyResources(TEMPLATE, ACCOUNT));
        started = new LinkedHashMap<>();
        for (FunctionDef function : TEMPLATE.functions().values()) {
            started.put(function.logicalId(), probe(function, environment(function, resolver)));
        }

        // The first function that sets a variable the configuration requires proves that a missing one is caught.
        List<String> required = requiredVariables();
        for (FunctionDef function : TEMPLATE.functions().values()) {
            Optional<EnvironmentVariable> variable = function.environment().stream()
                    .filter(candidate -> required.contains(candidate.name())).findFirst();
            if (variable.isPresent()) {
                functionWithoutVariable = function.logicalId();
                removedVariable = variable.get().name();
                Map<String, String> environment = environment(function, resolver);
                environment.remove(removedVariable);
                startedWithoutVariable = probe(function, environment);
                return;
            }
        }
    }

    @Test
    void everyFunctionStartsWithItsTemplateEnvironment() {
        started.forEach((function, result) -> {
            ProbeResult probe = result.join();
            assertEquals(0, probe.exitCode(), () -> function + " does not start with its template environment "
                    + "(a variable its code reads is missing from template.yaml?):\n" + probe.output());
            assertTrue(probe.output().contains("started " + TEMPLATE.functions().get(function).handlerClassName()), probe.output());
        });
    }

    @Test
    void aFunctionWithoutARequiredVariableFailsNamingIt() {
        assertNotNull(startedWithoutVariable, "no function sets a variable that " + APPLICATION_PROPERTIES + " requires");
        ProbeResult probe = startedWithoutVariable.join();
        assertEquals(1, probe.exitCode(), () -> functionWithoutVariable + " started without " + removedVariable
                + ", which its configuration requires:\n" + probe.output());
        assertTrue(probe.output().contains("FAILED constructing"), probe.output());
        assertTrue(probe.output().contains(removedVariable), probe.output());
    }

    /** The function's template variables resolved to plausible values, over what Lambda itself sets. */
    private static Map<String, String> environment(FunctionDef function, IntrinsicResolver resolver) {
        String functionName = ACCOUNT.stackName() + "-" + function.logicalId();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_REGION", ACCOUNT.region());
        environment.put("AWS_DEFAULT_REGION", ACCOUNT.region());
        environment.put("AWS_ACCESS_KEY_ID", "ASIAPROBEPROBEPROBE00");
        environment.put("AWS_SECRET_ACCESS_KEY", "probe-secret");
        environment.put("AWS_SESSION_TOKEN", "probe-session");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memorySizeMb()));
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[1]probe");
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        // Nothing listens there: a handler that called the runtime API while starting would fail here.
        environment.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:1");
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        environment.put("_HANDLER", function.handler());
        environment.put("LAMBDA_TASK_ROOT", "/var/task");
        environment.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        environment.put("TZ", ":UTC");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        for (EnvironmentVariable variable : function.environment()) {
            environment.put(variable.name(), resolver.resolve(variable.value(), variable.location()));
        }
        return environment;
    }

    private static CompletableFuture<ProbeResult> probe(FunctionDef function, Map<String, String> environment) {
        Path jar = PROJECT_ROOT.resolve(function.codeUri()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            fail(function.logicalId() + ": " + jar + " does not exist; package the function modules first (mvn verify builds them)");
        }
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + java.io.File.pathSeparator + probeClasses,
                HandlerProbe.class.getName(), function.handlerClassName())
                .directory(probeClasses.toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        return CompletableFuture.supplyAsync(() -> {
            try {
                if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new ProbeResult(-1, function.logicalId() + " did not start within " + START_TIMEOUT_SECONDS + " s\n" + output.join());
                }
                return new ProbeResult(process.exitValue(), output.join());
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    /** The probe's class file alone, so that nothing else of this module's test classes reaches the function's classpath. */
    private static void copyProbeClass() throws IOException {
        String file = HandlerProbe.class.getSimpleName() + ".class";
        Path target = probeClasses.resolve(HandlerProbe.class.getPackageName().replace('.', '/')).resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream classFile = HandlerProbe.class.getResourceAsStream(file)) {
            Files.copy(classFile, target);
        }
    }

    /** Variables named by a placeholder without a default in application.properties. */
    private static List<String> requiredVariables() throws IOException {
        Matcher matcher = REQUIRED_PLACEHOLDER.matcher(Files.readString(APPLICATION_PROPERTIES));
        return matcher.results().map(match -> match.group(1)).distinct().toList();
    }

    /** A parameter without a Default would be given at deploy time: its first allowed value, or a placeholder. */
    private static Map<String, String> parametersWithoutDefault() {
        Map<String, String> values = new LinkedHashMap<>();
        for (ParameterDef parameter : TEMPLATE.parameters().values()) {
            if (parameter.defaultValue().isEmpty()) {
                values.put(parameter.name(), parameter.allowedValues().isEmpty() ? "probe" : parameter.allowedValues().get(0));
            }
        }
        return values;
    }

    private record ProbeResult(int exitCode, String output) {
    }

    /** What {@code !Ref} and {@code !GetAtt} give in AWS, with addresses nobody answers on. */
    private record DummyResources(Template template, PseudoParameters account) implements IntrinsicResolver.ResourceValues {

        @Override
        public Optional<String> ref(String logicalId) {
            if (template.queues().containsKey(logicalId)) {
                return Optional.of(queueUrl(logicalId));
            }
            return template.resourceType(logicalId).map(type -> logicalId);
        }

        @Override
        public Optional<String> attribute(String logicalId, String attribute) {
            if (template.queues().containsKey(logicalId)) {
                return switch (attribute) {
                    case "Arn" -> Optional.of("arn:aws:sqs:" + account.region() + ":" + account.accountId() + ":" + logicalId);
                    case "QueueName" -> Optional.of(logicalId);
                    case "QueueUrl" -> Optional.of(queueUrl(logicalId));
                    default -> Optional.empty();
                };
            }
            if (template.tables().containsKey(logicalId) && attribute.equals("Arn")) {
                return Optional.of("arn:aws:dynamodb:" + account.region() + ":" + account.accountId() + ":table/" + logicalId);
            }
            return Optional.empty();
        }

        private String queueUrl(String logicalId) {
            return "http://127.0.0.1:1/" + account.accountId() + "/" + logicalId;
        }
    }
}
