package dev.microjobs.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.microjobs.local.template.Template;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stack on the real template.yaml: every table and queue it declares exists. */
class RealTemplateIT {

    private static final Path TEMPLATE = Path.of("../../template.yaml");

    @Test
    void createsTheTemplatesTablesAndQueues() {
        Template template = Template.load(TEMPLATE);
        // The handlers are written in other modules; until they exist the stack cannot create them.
        template.functions().values().forEach(function ->
                assumeTrue(isOnClasspath(function.handlerClassName()), function.handlerClassName() + " is not built yet"));

        try (LocalStack stack = LocalStack.start(LocalStackOptions.onFreePorts().withTemplate(TEMPLATE))) {
            assertEquals(template.tables().keySet(), stack.tables().keySet());
            assertEquals(template.queues().keySet(), stack.queues().keySet());
            assertEquals(Set.of("MicrojobsTable"), Set.copyOf(stack.tables().values().stream().map(table -> table.name()).toList()));
        }
    }

    private static boolean isOnClasspath(String className) {
        try {
            Class.forName(className, false, RealTemplateIT.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
