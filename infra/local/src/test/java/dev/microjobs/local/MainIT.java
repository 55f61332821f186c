package dev.microjobs.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's error paths: one line on stderr, exit code 2, and nothing left running. */
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

    private int run(String... args) {
        return new Main(Main.SUBCOMMANDS, LocalStackOptions.defaults()).run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    private void assertOneLine(String expected) {
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n") && text.indexOf('\n') == text.length() - 1, "one line: " + text);
        assertEquals(expected, text.trim());
    }
}
