package dev.microjobs.bench.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What every function process shares, in a scratch directory: the Runtime Interface Client jars
 * (shipped inside the bench jar, unpacked once) and one log file per process, which
 * {@link #close()} deletes; and each deployment package unpacked into a task root as Lambda
 * unpacks it into {@code /var/task}, shared by every runtime of the process ({@link TaskRoots}).
 */
public final class LambdaRuntime implements AutoCloseable {

    /** Resources under {@code lambda-runtime/}, copied there by the build. */
    static final List<String> RUNTIME_JARS = List.of(
            "aws-lambda-java-runtime-interface-client.jar",
            "aws-lambda-java-serialization.jar",
            "aws-lambda-java-core.jar");

    private final Path directory;
    private final List<Path> runtimeClasspath;
    private final Path jniLibrary;
    private final AtomicInteger processes = new AtomicInteger();

    private LambdaRuntime(Path directory, List<Path> runtimeClasspath, Path jniLibrary) {
        this.directory = directory;
        this.runtimeClasspath = runtimeClasspath;
        this.jniLibrary = jniLibrary;
    }

    public static LambdaRuntime create() throws IOException {
        Path directory = Files.createTempDirectory("microjobs-lambda-");
        Path runtime = Files.createDirectories(directory.resolve("runtime"));
        List<Path> classpath = new ArrayList<>();
        for (String jar : RUNTIME_JARS) {
            try (InputStream in = LambdaRuntime.class.getResourceAsStream("/lambda-runtime/" + jar)) {
                if (in == null) {
                    throw new IOException("lambda-runtime/" + jar + " is not in the bench jar; build it with Maven");
                }
                Path target = runtime.resolve(jar);
                Files.copy(in, target);
                classpath.add(target);
            }
        }
        return new LambdaRuntime(directory, List.copyOf(classpath), unpackJniLibrary(classpath.get(0), runtime));
    }

    /** The Runtime Interface Client's JNI library for this machine, from its jar ({@code RUNTIME_JARS}' first). */
    private static Path unpackJniLibrary(Path runtimeInterfaceClient, Path directory) throws IOException {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        String entry = "jni/libaws-lambda-jni.linux-" + arch + ".so";
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(runtimeInterfaceClient))) {
            for (ZipEntry next; (next = zip.getNextEntry()) != null; ) {
                if (next.getName().equals(entry)) {
                    Path library = directory.resolve("libaws-lambda-jni.so");
                    Files.copy(zip, library);
                    return library;
                }
            }
        }
        throw new IOException(runtimeInterfaceClient + " has no " + entry);
    }

    /** Starts a fresh execution environment for {@code function}: a new JVM behind its own Runtime API. */
    public FunctionInstance launch(FunctionSpec function) throws IOException {
        Path taskRoot = TaskRoots.shared().of(function.deploymentJar());
        Path log = directory.resolve("logs").resolve(function.name() + "-" + processes.incrementAndGet() + ".log");
        Files.createDirectories(log.getParent());
        return FunctionInstance.launch(function, javaExecutable(), runtimeClasspath, jniLibrary, taskRoot, log);
    }

    private static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    @Override
    public void close() throws IOException {
        delete(directory);
    }

    /** Deletes a scratch tree, deepest first. */
    static void delete(Path tree) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
