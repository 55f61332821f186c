package dev.microjobs.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's error paths: one line on stderr, exit code 2, no stack trace, and nothing left running. */
class MainIT {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void unknownFlag() {
        assertEquals(2, run("--bogus"));
        assertOneLine("error: unknown option --bogus (see --help)");
    }

    @Test
    void badValues() {
        assertEquals(2, run("--port", "eighty"));
        assertOneLine("error: --port: expected a port number from 0 to 65535, got \"eighty\"");
        err.reset();
        assertEquals(2, run("--param", "NoEquals"));
        assertOneLine("error: --param: expected NAME=VALUE, got \"NoEquals\"");
        err.reset();
        assertEquals(2, run("--template"));
        assertOneLine("error: --template needs a value (see --help)");
    }

    @Test
    void unknownCommand() {
        assertEquals(2, run("frobnicate"));
        assertOneLine("unknown command frobnicate (see --help)");
    }

    @Test
    void dispatchesToRegisteredSubcommands() {
        Main main = new Main(Map.of("echo", (args, out, err) -> {
            out.println(String.join(" ", args));
            return 0;
        }), LocalStackOptions.defaults());
        assertEquals(0, main.run(new String[] {"echo", "a", "b"}, new PrintStream(out, true), new PrintStream(err, true)));
        assertEquals("a b", out.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void httpPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(2, run("--port", String.valueOf(taken.getLocalPort()), "--template", "src/test/resources/local-stack-test.yaml"));
            assertOneLine("error: The HTTP API cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": the port is already in use (choose another with --port)");
        }
    }

    @Test
    void dynamoDbPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(2, run("--port", "0", "--dynamodb-port", String.valueOf(taken.getLocalPort()),
                    "--template", "src/test/resources/local-stack-test.yaml"));
            assertOneLine("error: DynamoDB Local cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": the port is already in use (choose another with --dynamodb-port)");
        }
    }

    @Test
    void templateErrors() {
        assertEquals(2, run("--port", "0", "--template", "no/such/template.yaml"));
        assertOneLine("error: --template no/such/template.yaml: no such file");
        err.reset();
        assertEquals(2, run("--port", "0", "--template", "src/test/resources/local-stack-test.yaml", "--param", "Greeting2=x"));
        assertOneLine("error: local-stack-test.yaml: Parameters: no parameter named Greeting2");
    }

    @Test
    void aTemplateTheStackCannotRunNamesTheResourceAndProperty(@TempDir Path directory) throws IOException {
        Path template = directory.resolve("bad.yaml");
        Files.writeString(template, """
                Resources:
                  WorkQueue:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: soon
                """);
        assertEquals(2, run("--port", "0", "--template", template.toString()));
        assertOneLine("error: bad.yaml: Resources.WorkQueue.Properties.VisibilityTimeout: expected a whole number, got \"soon\"");
        err.reset();

        Files.writeString(template, """
                Resources:
                  WorkQueue:
                    Type: AWS::SQS::Queue
                    Properties:
                      FifoQueue: true
                """);
        assertEquals(2, run("--port", "0", "--template", template.toString()));
        assertOneLine("error: bad.yaml: Resources.WorkQueue.Properties.FifoQueue: FIFO queues are not supported by the local stack");
    }

    /** The real {@code main} in a JVM of its own: its exit code, and stderr with whatever logging prints there too. */
    @Test
    void theProcessExitsWithCodeTwoAndOneLineOnStderr(@TempDir Path directory) throws Exception {
        assertProcessFails(directory, "error: unknown option --bogus (see --help)", "--bogus");

        Path template = directory.resolve("bad.yaml");
        Files.writeString(template, "Resources:\n  Topic: { Type: AWS::SNS::Topic }\n");
        assertProcessFails(directory, "error: bad.yaml: Resources.Topic.Type: resource type AWS::SNS::Topic is not supported by the local stack",
                "--port", "0", "--template", template.toString());

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertProcessFails(directory, "error: The HTTP API cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": the port is already in use (choose another with --port)",
                    "--port", String.valueOf(taken.getLocalPort()), "--template", Path.of("src/test/resources/local-stack-test.yaml").toAbsolutePath().toString());
        }
    }

    private static void assertProcessFails(Path workingDirectory, String expectedError, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running: " + command);
        assertEquals(2, process.exitValue(), stderr.join());
        assertEquals(expectedError + "\n", stderr.join());
        assertEquals("", stdout.join());
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int run(String... args) {
        return new Main(Main.SUBCOMMANDS, LocalStackOptions.defaults()).run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    private void assertOneLine(String expected) {
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n") && text.indexOf('\n') == text.length() - 1, "one line: " + text);
        assertEquals(expected, text.trim());
    }
}
