package dev.microjobs.bench.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Deployment packages unpacked as Lambda unpacks them into {@code /var/task}, once per bench
 * process: {@code all} starts function processes for the cold starts and again for the lifecycle
 * run, and unpacking the six 13 MB jars (some 8,000 files each) took 8–10 s of each. A package is
 * known by its path, size and modification time, so a jar rebuilt while the process runs is
 * unpacked again. The roots are deleted when the process exits.
 */
final class TaskRoots {
    private static final TaskRoots SHARED = new TaskRoots();

    private final Map<String, Path> unpacked = new ConcurrentHashMap<>();
    /** Names the roots: two packages unpacked at the same time must not share one. */
    private final AtomicInteger roots = new AtomicInteger();
    private Path directory;

    /** One per process ({@link #shared()}); tests make their own. */
    TaskRoots() {
    }

    static TaskRoots shared() {
        return SHARED;
    }

    /** The task root of {@code deploymentJar}, unpacked on first use. */
    Path of(Path deploymentJar) {
        Path jar = deploymentJar.toAbsolutePath().normalize();
        return unpacked.computeIfAbsent(identity(jar), key -> {
            try {
                Path root = Files.createDirectories(directory().resolve(Integer.toString(roots.incrementAndGet())));
                unzip(jar, root);
                return root;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack " + jar, e);
            }
        });
    }

    private static String identity(Path jar) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            return jar + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    /**
     * On a memory-backed file system where there is one: the roots hold tens of thousands of class
     * files, and on an overlay disk deleting them alone took 15 s. (Only class files: the JNI
     * library stays in the runtime's temporary directory, as /dev/shm may be noexec.)
     */
    private synchronized Path directory() throws IOException {
        if (directory == null) {
            Path memory = Path.of("/dev/shm");
            directory = Files.isDirectory(memory) && Files.isWritable(memory)
                    ? Files.createTempDirectory(memory, "microjobs-task-roots-")
                    : Files.createTempDirectory("microjobs-task-roots-");
            Path created = directory;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(created), "task-roots-cleanup"));
        }
        return directory;
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

    private static void deleteQuietly(Path tree) {
        try {
            LambdaRuntime.delete(tree);
        } catch (IOException e) {
            // The process is exiting; what is left is in a temporary directory.
        }
    }
}
