package dev.microjobs.local;

import dev.microjobs.local.admin.AdminCommand;
import dev.microjobs.local.admin.DemoAccounts;
import dev.microjobs.local.lambda.EventJson;
import dev.microjobs.local.template.TemplateException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar microjobs-local.jar [options]} runs the stack until SIGTERM or Ctrl-C;
 * {@code java -jar microjobs-local.jar NAME ...} runs a registered {@link Subcommand}.
 * Usage and startup errors print one line on stderr and exit with code 2.
 */
public final class Main {

    /** Exit code for a bad command line or a stack that cannot start as asked. */
    public static final int USAGE_ERROR = 2;

    /**
     * Subcommands by name. An {@code admin} command, for instance, is added here and receives
     * the arguments after its name.
     */
    static final Map<String, Subcommand> SUBCOMMANDS = Map.of("admin", new AdminCommand());

    /**
     * What a developer's machine wants: business URLs on 127.0.0.1 accepted (to receive webhooks
     * locally) and a demo business and worker to try the API and the UI with at once. A
     * preference, not a parameter: a {@code --template} without that parameter still runs.
     */
    static final LocalStackOptions MICROJOBS_DEFAULTS = LocalStackOptions.defaults()
            .withParameterPreference("AllowLoopbackUrls", "true")
            .withStartupTask(new DemoAccounts());

    private final Map<String, Subcommand> subcommands;
    private final LocalStackOptions defaults;

    Main(Map<String, Subcommand> subcommands, LocalStackOptions defaults) {
        this.subcommands = subcommands;
        this.defaults = defaults;
    }

    public static void main(String[] args) {
        quietLibraryLogging();
        int exitCode = new Main(SUBCOMMANDS, MICROJOBS_DEFAULTS).run(args, System.out, System.err);
        // After a normal run the JVM is already shutting down: System.exit would wait forever.
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** Runs the stack until the JVM shuts down, or a subcommand; returns the exit code. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        List<String> arguments = Arrays.asList(args);
        if (!arguments.isEmpty() && !arguments.get(0).startsWith("-")) {
            Subcommand subcommand = subcommands.get(arguments.get(0));
            if (subcommand == null) {
                err.println("unknown command " + arguments.get(0) + " (see --help)");
                return USAGE_ERROR;
            }
            return subcommand.run(arguments.subList(1, arguments.size()), out, err);
        }
        LocalStack stack;
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(arguments, defaults);
            if (commandLine.help()) {
                out.println(CommandLine.USAGE);
                return 0;
            }
            stack = LocalStack.start(commandLine.options());
            commandLine.credentialsOut().ifPresent(file -> writeCredentials(stack, file));
        } catch (LocalStackException | TemplateException e) {
            err.println("error: " + e.getMessage());
            return USAGE_ERROR;
        }
        printUrls(stack, out);
        out.println("microjobs local stack ready (Ctrl-C to stop)");
        out.flush();
        awaitShutdown(stack);
        return 0;
    }

    private static void printUrls(LocalStack stack, PrintStream out) {
        out.println("HTTP API:  " + stack.apiUrl());
        out.println("DynamoDB:  " + stack.dynamoDbEndpoint() + "  tables: " + String.join(", ",
                stack.tables().values().stream().map(table -> table.name()).toList()));
        out.println("SQS:       " + stack.sqsEndpoint());
        stack.queues().values().forEach(queue -> out.println("  queue:   " + queue.url()));
        stack.credentials().forEach((name, value) -> {
            if (!name.equals("apiUrl")) {
                out.println(name + ": " + value);
            }
        });
    }

    private static void writeCredentials(LocalStack stack, Path file) {
        try {
            Files.write(file, EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(stack.credentials()));
        } catch (IOException e) {
            stack.close();
            throw new LocalStackException("--credentials-out " + file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static void awaitShutdown(LocalStack stack) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Pekko, ElasticMQ and Jetty talk a lot at INFO; the stack's own lines are the useful ones. */
    private static void quietLibraryLogging() {
        for (String noisy : List.of("org.apache.pekko", "org.elasticmq", "org.eclipse.jetty")) {
            String property = "org.slf4j.simpleLogger.log." + noisy;
            if (System.getProperty(property) == null) {
                System.setProperty(property, "warn");
            }
        }
    }
}
