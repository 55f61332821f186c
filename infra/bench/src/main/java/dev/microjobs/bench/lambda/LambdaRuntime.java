package dev.microjobs.bench.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What every function process shares, in scratch directories: the Runtime Interface Client jars
 * (shipped inside the bench jar, unpacked once), each deployment package unpacked into a task root
 * as Lambda unpacks it into {@code /var/task}, and one log file per process. {@link #close()} deletes them.
 */
public final class LambdaRuntime implements AutoCloseable {

    /** Resources under {@code lambda-runtime/}, copied there by the build. */
    static final List<String> RUNTIME_JARS = List.of(
            "aws-lambda-java-runtime-interface-client.jar",
            "aws-lambda-java-serialization.jar",
            "aws-lambda-java-core.jar");

    private final Path directory;
    private final Path taskRootsDirectory;
    private final List<Path> runtimeClasspath;
    private final Path jniLibrary;
    private final Map<Path, Path> taskRoots = new ConcurrentHashMap<>();
    private final AtomicInteger processes = new AtomicInteger();

    private LambdaRuntime(Path directory, Path taskRootsDirectory, List<Path> runtimeClasspath, Path jniLibrary) {
        this.directory = directory;
        this.taskRootsDirectory = taskRootsDirectory;
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
        return new LambdaRuntime(directory, taskRootsDirectory(), List.copyOf(classpath), unpackJniLibrary(classpath.get(0), runtime));
    }

    /**
     * Task roots go to a memory-backed file system where there is one: they hold tens of thousands
     * of class files, and on an overlay disk deleting them alone took 15 s of every metered run.
     * (Only class files: the JNI library stays in the temporary directory, as /dev/shm may be noexec.)
     */
    private static Path taskRootsDirectory() throws IOException {
        Path memory = Path.of("/dev/shm");
        return Files.isDirectory(memory) && Files.isWritable(memory)
                ? Files.createTempDirectory(memory, "microjobs-task-roots-")
                : Files.createTempDirectory("microjobs-task-roots-");
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
        Path taskRoot = taskRoot(function.deploymentJar());
        Path log = directory.resolve("logs").resolve(function.name() + "-" + processes.incrementAndGet() + ".log");
        Files.createDirectories(log.getParent());
        return FunctionInstance.launch(function, javaExecutable(), runtimeClasspath, jniLibrary, taskRoot, log);
    }

    private Path taskRoot(Path deploymentJar) {
        return taskRoots.computeIfAbsent(deploymentJar.toAbsolutePath().normalize(), jar -> {
            Path root = taskRootsDirectory.resolve(Integer.toString(taskRoots.size()));
            try {
                unzip(jar, Files.createDirectories(root));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack " + jar, e);
            }
            return root;
        });
    }

    private static void unzip(Path jar, Path root) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException(jar + ": entry " + entry.getName() + " points outside the task root");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    @Override
    public void close() throws IOException {
        delete(taskRootsDirectory);
        delete(directory);
    }

    private static void delete(Path tree) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
