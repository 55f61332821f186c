package dev.microjobs.bench.lambda;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The command line and environment Lambda's java17 managed runtime starts a function with. The JVM
 * flags are the runtime's own: heap, metaspace and code cache as 85 %, 10 % and 5 % of the function's
 * memory, the serial collector, class data sharing, C1 only (tiered compilation stopped at level 1,
 * the java17 runtime's default) and IPv4. The main class is the Runtime Interface Client, which loads
 * the handler from the task root (the unpacked deployment package) and talks to the Runtime API.
 */
public final class LambdaJvm {

    static final String RUNTIME_MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Where the Runtime Interface Client loads its JNI library from, instead of unpacking it itself. */
    private static final String JNI_LIBRARY_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "123456789012";

    private LambdaJvm() {
    }

    public static List<String> command(Path java, int memoryMb, List<Path> runtimeClasspath, String handler) {
        long memoryKb = memoryMb * 1024L;
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-XX:MaxHeapSize=" + memoryKb * 85 / 100 + "k",
                "-XX:MaxMetaspaceSize=" + memoryKb * 10 / 100 + "k",
                "-XX:ReservedCodeCacheSize=" + memoryKb * 5 / 100 + "k",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "-Djava.net.preferIPv4Stack=true",
                "-classpath",
                runtimeClasspath.stream().map(Path::toString).collect(Collectors.joining(":")),
                RUNTIME_MAIN_CLASS,
                handler));
        return command;
    }

    /**
     * Without it, the Runtime Interface Client unpacks its JNI library to a fixed file in {@code /tmp}
     * at every start; Lambda gives each environment a {@code /tmp} of its own, but processes started
     * here at the same moment would overwrite and load the same file, and crash.
     */
    static String jniLibraryFlag(Path library) {
        return "-D" + JNI_LIBRARY_PROPERTY + "=" + library;
    }

    /**
     * The function's own variables plus what Lambda sets in every execution environment. Credentials
     * and endpoints are variables, as Lambda gives them (SDK v2 reads {@code AWS_ENDPOINT_URL_<SERVICE>}).
     */
    public static Map<String, String> environment(FunctionSpec function, String runtimeApi, Path taskRoot) {
        Map<String, String> environment = new LinkedHashMap<>(function.environment());
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("TZ", ":UTC");
        environment.put("_HANDLER", function.handler());
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + Long.toHexString(System.nanoTime()));
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.putIfAbsent("AWS_REGION", REGION);
        environment.putIfAbsent("AWS_DEFAULT_REGION", environment.get("AWS_REGION"));
        return environment;
    }

    /** The ARN Lambda passes as {@code Lambda-Runtime-Invoked-Function-Arn}. */
    static String functionArn(FunctionSpec function) {
        return "arn:aws:lambda:" + function.environment().getOrDefault("AWS_REGION", REGION) + ":" + ACCOUNT
                + ":function:" + function.name();
    }

    /**
     * The local stack hands out SDK settings as system property names; a process of its own gets them
     * as the environment variables Lambda (and SDK v2) use. Other variables pass through unchanged.
     *
     * @throws IllegalArgumentException for an {@code aws.*} setting without a known variable
     */
    public static Map<String, String> asEnvironment(Map<String, String> stackEnvironment) {
        Map<String, String> environment = new LinkedHashMap<>();
        stackEnvironment.forEach((name, value) -> environment.put(name.startsWith("aws.") ? variableFor(name) : name, value));
        return environment;
    }

    private static String variableFor(String property) {
        return switch (property) {
            case "aws.region" -> "AWS_REGION";
            case "aws.accessKeyId" -> "AWS_ACCESS_KEY_ID";
            case "aws.secretAccessKey" -> "AWS_SECRET_ACCESS_KEY";
            case "aws.sessionToken" -> "AWS_SESSION_TOKEN";
            case "aws.endpointUrlDynamoDb" -> "AWS_ENDPOINT_URL_DYNAMODB";
            case "aws.endpointUrlSqs" -> "AWS_ENDPOINT_URL_SQS";
            default -> throw new IllegalArgumentException("no environment variable known for the SDK setting " + property);
        };
    }
}
