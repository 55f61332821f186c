package dev.microjobs.local;

import dev.microjobs.local.lambda.FunctionHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How to start a {@link LocalStack}. Port 0 picks a free port.
 *
 * @param templateFile the template to run; empty: {@code ./template.yaml} if present, else the copy inside the jar
 * @param dataDir where DynamoDB Local keeps its tables; empty: in memory
 * @param parameters values replacing template parameter defaults; each must name a parameter of the template
 * @param parameterPreferences values replacing the defaults of those of these parameters the template declares,
 *                             for settings a runner prefers without knowing which template it will be given;
 *                             {@code parameters} win over them
 * @param startupTasks run in order once everything is up, before the stack reports ready
 * @param functionHost where the functions run; {@link FunctionHost#IN_PROCESS} unless a benchmark says otherwise
 * @param endpointFront the DynamoDB and SQS endpoints functions are given; {@link EndpointFront#DIRECT} by default
 * @param batchingWindowCap the longest {@code MaximumBatchingWindowInSeconds} any SQS event source gets, for
 *                          tests that wait for each batch; empty (the default): each as the template says
 */
public record LocalStackOptions(
        int httpPort,
        int dynamoDbPort,
        int sqsPort,
        Optional<Path> templateFile,
        Optional<Path> dataDir,
        Map<String, String> parameters,
        Map<String, String> parameterPreferences,
        List<StartupTask> startupTasks,
        FunctionHost functionHost,
        EndpointFront endpointFront,
        OptionalInt batchingWindowCap) {

    public LocalStackOptions {
        parameters = Map.copyOf(parameters);
        parameterPreferences = Map.copyOf(parameterPreferences);
        startupTasks = List.copyOf(startupTasks);
    }

    /** The CLI's defaults: HTTP on 8080, DynamoDB on 8000, SQS on 9324, in memory. */
    public static LocalStackOptions defaults() {
        return new LocalStackOptions(8080, 8000, 9324, Optional.empty(), Optional.empty(), Map.of(), Map.of(), List.of(),
                FunctionHost.IN_PROCESS, EndpointFront.DIRECT, OptionalInt.empty());
    }

    /** Free ports for everything: what tests want. */
    public static LocalStackOptions onFreePorts() {
        return defaults().withHttpPort(0).withDynamoDbPort(0).withSqsPort(0);
    }

    public LocalStackOptions withHttpPort(int port) {
        return new LocalStackOptions(port, dynamoDbPort, sqsPort, templateFile, dataDir, parameters, parameterPreferences, startupTasks,
                functionHost, endpointFront, batchingWindowCap);
    }

    public LocalStackOptions withDynamoDbPort(int port) {
        return new LocalStackOptions(httpPort, port, sqsPort, templateFile, dataDir, parameters, parameterPreferences, startupTasks,
                functionHost, endpointFront, batchingWindowCap);
    }

    public LocalStackOptions withSqsPort(int port) {
        return new LocalStackOptions(httpPort, dynamoDbPort, port, templateFile, dataDir, parameters, parameterPreferences, startupTasks,
                functionHost, endpointFront, batchingWindowCap);
    }

    public LocalStackOptions withTemplate(Path file) {
        return new LocalStackOptions(httpPort, dynamoDbPort, sqsPort, Optional.of(file), dataDir, parameters, parameterPreferences, startupTasks,
                functionHost, endpointFront, batchingWindowCap);
    }

    public LocalStackOptions withDataDir(Path directory) {
        return new LocalStackOptions(httpPort, dynamoDbPort, sqsPort, templateFile, Optional.of(directory), parameters, parameterPreferences, startupTasks,
                functionHost, endpointFront, batchingWindowCap);
    }

    public LocalStackOptions withParameter(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(parameters);
        more.put(name, value);
        return new LocalStackOptions(httpPort, dynamoDbPort, sqsPort, templateFile, dataDir, more, parameterPreferences, startupTasks,
                functionHost, endpointFront, batchingWindowCap);
    }

    /** A value for {@code name} if the template declares such a parameter; ignored otherwise. */
    public LocalStackOptions withParameterPreference(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(parameterPreferences);
        more.put(name, value);
        return new LocalStackOptions(httpPort, dynamoDbPort, sqsPort, templateFile, dataDir, parameters, more, startupTasks,
                functionHost, endpointFront, batchingWindowCap);
    }

    /** The parameter values to run {@code declared} with: the preferences it declares, then the explicit parameters. */
    public Map<String, String> parameterValues(Set<String> declared) {
        Map<String, String> values = new LinkedHashMap<>();
        parameterPreferences.forEach((name, value) -> {
            if (declared.contains(name)) {
                values.put(name, value);
            }
        });
        values.putAll(parameters);
        return values;
    }

    public LocalStackOptions withStartupTask(StartupTask task) {
        List<StartupTask> more = new ArrayList<>(startupTasks);
        more.add(task);
        return new LocalStackOptions(httpPort, dynamoDbPort, sqsPort, templateFile, dataDir, parameters, parameterPreferences, more,
                functionHost, endpointFront, batchingWindowCap);
    }

    public LocalStackOptions withFunctionHost(FunctionHost host) {
        return new LocalStackOptions(httpPort, dynamoDbPort, sqsPort, templateFile, dataDir, parameters, parameterPreferences, startupTasks,
                host, endpointFront, batchingWindowCap);
    }

    public LocalStackOptions withEndpointFront(EndpointFront front) {
        return new LocalStackOptions(httpPort, dynamoDbPort, sqsPort, templateFile, dataDir, parameters, parameterPreferences, startupTasks,
                functionHost, front, batchingWindowCap);
    }

    /** Event sources wait at most {@code seconds} to fill a batch, whatever the template says. */
    public LocalStackOptions withBatchingWindowsOfAtMost(int seconds) {
        return new LocalStackOptions(httpPort, dynamoDbPort, sqsPort, templateFile, dataDir, parameters, parameterPreferences, startupTasks,
                functionHost, endpointFront, OptionalInt.of(seconds));
    }
}
