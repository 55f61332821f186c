package dev.microjobs.local;

import dev.microjobs.local.template.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the template to run: the given file, else {@code ./template.yaml}, else the copy packed into the jar. */
final class TemplateSource {

    private static final Path WORKING_DIRECTORY_TEMPLATE = Path.of("template.yaml");
    private static final String EMBEDDED_TEMPLATE = "/dev/microjobs/local/template.yaml";

    private TemplateSource() {
    }

    static Template load(Optional<Path> file) {
        if (file.isPresent()) {
            if (!Files.isRegularFile(file.get())) {
                throw new LocalStackException("--template " + file.get() + ": no such file");
            }
            return Template.load(file.get());
        }
        if (Files.isRegularFile(WORKING_DIRECTORY_TEMPLATE)) {
            return Template.load(WORKING_DIRECTORY_TEMPLATE);
        }
        try (InputStream embedded = TemplateSource.class.getResourceAsStream(EMBEDDED_TEMPLATE)) {
            if (embedded == null) {
                throw new LocalStackException("no template.yaml here and none inside the jar; pass --template FILE");
            }
            return Template.parse(new String(embedded.readAllBytes(), StandardCharsets.UTF_8), "template.yaml (inside the jar)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
