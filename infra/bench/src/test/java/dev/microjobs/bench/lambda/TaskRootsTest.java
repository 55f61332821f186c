package dev.microjobs.bench.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRootsTest {

    private final TaskRoots roots = new TaskRoots();

    @Test
    void aPackageIsUnpackedOnceAndAgainOnlyWhenRebuilt(@TempDir Path dir) throws IOException {
        Path jar = jar(dir.resolve("function.jar"), Map.of("dev/Handler.class", "first", "lib/a.txt", "a"));

        Path root = roots.of(jar);

        assertEquals("first", Files.readString(root.resolve("dev/Handler.class")));
        assertEquals("a", Files.readString(root.resolve("lib/a.txt")));
        assertEquals(root, roots.of(dir.resolve("./function.jar")), "the same package, named another way");

        jar(jar, Map.of("dev/Handler.class", "second build"));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        Path rebuilt = roots.of(jar);

        assertNotEquals(root, rebuilt);
        assertEquals("second build", Files.readString(rebuilt.resolve("dev/Handler.class")));
        assertTrue(Files.exists(root.resolve("dev/Handler.class")), "a process started from the first root keeps it");
    }

    @Test
    void refusesAnEntryOutsideTheTaskRoot(@TempDir Path dir) throws IOException {
        Path jar = jar(dir.resolve("evil.jar"), Map.of("../escaped.txt", "x"));

        assertThrows(UncheckedIOException.class, () -> roots.of(jar));
        assertTrue(Files.notExists(dir.resolve("escaped.txt")));
    }

    private static Path jar(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
