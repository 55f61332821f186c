package dev.microjobs.bench.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One execution environment: a JVM started as Lambda's java17 runtime starts it, running the
 * function's handler under the Runtime Interface Client, fed through its own {@link RuntimeApiServer}.
 * It records when it was started, when its init phase ended (first poll) and its peak RSS.
 */
public final class FunctionInstance implements AutoCloseable {

    private static final int LOG_TAIL_LINES = 15;

    private final FunctionSpec function;
    private final RuntimeApiServer api;
    private final Process process;
    private final long startNanos;
    private final Path log;
    private volatile long peakRssKb;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FunctionInstance(FunctionSpec function, RuntimeApiServer api, Process process, long startNanos, Path log) {
        this.function = function;
        this.api = api;
        this.process = process;
        this.startNanos = startNanos;
        this.log = log;
    }

    static FunctionInstance launch(FunctionSpec function, Path java, List<Path> runtimeClasspath, Path jniLibrary, Path taskRoot,
                                   Path log) throws IOException {
        RuntimeApiServer api = RuntimeApiServer.start(LambdaJvm.functionArn(function));
        List<String> command = new ArrayList<>(LambdaJvm.command(java, function.memoryMb(), runtimeClasspath, function.handler()));
        command.add(1, LambdaJvm.jniLibraryFlag(jniLibrary));
        // The SDK names the function in its user agent, so the metering proxies can tell who sent a request.
        command.add(2, "-Dsdk.ua.appId=" + function.name());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(LambdaJvm.environment(function, api.address(), taskRoot));
        long startNanos = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            api.close();
            throw e;
        }
        FunctionInstance instance = new FunctionInstance(function, api, process, startNanos, log);
        process.onExit().thenRun(() -> api.abandon(instance.exitDescription()));
        return instance;
    }

    /** Queues {@code event}; the runtime takes it on its next poll (at once if it is already waiting). */
    public Invocation submit(byte[] event) {
        return api.submit(event, System.currentTimeMillis() + function.timeoutSeconds() * 1000L);
    }

    /**
     * Waits for the runtime to take the event (after its init, for a new environment), then for its
     * answer: the timeout runs from the hand-over, as Lambda's function timeout does.
     *
     * @throws TimeoutException after {@code initLimit} without the runtime taking the event, or {@code timeout}
     *                          after it took it; the instance should then be closed, as Lambda would end it
     */
    public Invocation.Outcome await(Invocation invocation, Duration initLimit, Duration timeout)
            throws TimeoutException, InterruptedException {
        try {
            invocation.started().get(initLimit.toMillis(), TimeUnit.MILLISECONDS);
            Invocation.Outcome outcome = invocation.outcome().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            samplePeakRss();
            return outcome;
        } catch (ExecutionException e) {
            throw new IllegalStateException("invocations complete, they never fail", e.getCause());
        }
    }

    public FunctionSpec function() {
        return function;
    }

    public long startNanos() {
        return startNanos;
    }

    /** When the runtime first polled for an event: the end of Lambda's init phase. */
    public java.util.Optional<Long> initDoneNanos() {
        return api.firstPollNanos();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The highest VmHWM seen, in KiB; read after every invocation and before the process is stopped. */
    public long peakRssKb() {
        samplePeakRss();
        return peakRssKb;
    }

    private void samplePeakRss() {
        ProcStatus.peakRssKb(process.pid()).ifPresent(kb -> peakRssKb = Math.max(peakRssKb, kb));
    }

    /** The last lines the process wrote, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private String exitDescription() {
        return function.name() + " process exited with code " + process.exitValue()
                + api.initError().map(error -> " after an init error " + error).orElse("") + "; its last output:\n" + logTail();
    }

    @Override
    public void close() throws InterruptedException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        samplePeakRss();
        // As Lambda ends an environment whose runtime has no extensions: SIGKILL, with no shutdown
        // hooks (the Micronaut context closing its beans) to wait for, dozens of times per run.
        process.destroyForcibly().waitFor();
        api.close();
    }
}
