package dev.microjobs.bench.chaos;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything the process writes to standard output and error, into a file, for as long as it is
 * open. The functions log JSON lines to stdout and the Lambda logger writes to stderr, both looking
 * the streams up on every line, so swapping the streams catches every log line of the stack, just
 * as CloudWatch would receive them.
 */
final class LogCapture implements AutoCloseable {

    private final Path file;
    private final PrintStream previousOut;
    private final PrintStream previousErr;
    private final PrintStream capture;

    private LogCapture(Path file) throws IOException {
        this.file = file;
        this.previousOut = System.out;
        this.previousErr = System.err;
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        this.capture = new PrintStream(out, false, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
    }

    static LogCapture into(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return new LogCapture(file);
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        System.setOut(previousOut);
        System.setErr(previousErr);
        capture.close();
    }
}
