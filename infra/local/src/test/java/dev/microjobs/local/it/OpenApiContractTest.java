package dev.microjobs.local.it;

import dev.microjobs.local.template.HttpApiRoute;
import dev.microjobs.local.template.Template;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The business API's OpenAPI document and template.yaml describe the same routes: every route
 * of IntakeFunction is a path and method of the document, and the document has no other.
 */
class OpenApiContractTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @Test
    void everyIntakeRouteIsDocumentedAndNothingElse() throws IOException {
        Set<String> templateRoutes = new TreeSet<>();
        for (HttpApiRoute route : Template.load(Path.of("../../template.yaml"))
                .functions().get("IntakeFunction").events(HttpApiRoute.class)) {
            templateRoutes.add(route.routeKey());
        }

        Set<String> documentedRoutes = new TreeSet<>();
        paths(openApi()).forEach((path, operations) -> operations.keySet().stream()
                .filter(HTTP_METHODS::contains)
                .forEach(method -> documentedRoutes.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        assertFalse(templateRoutes.isEmpty());
        assertEquals(templateRoutes, documentedRoutes);
    }

    @Test
    void theDocumentIsOpenApi3WithItsReferencesResolved() throws IOException {
        Map<String, Object> document = openApi();
        assertTrue(String.valueOf(document.get("openapi")).startsWith("3."), String.valueOf(document.get("openapi")));
        assertNotNull(map(document.get("info")).get("title"));
        String text = new Yaml().dump(document);
        Map<String, Object> components = map(document.get("components"));
        // Every local $ref points at a component that exists.
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("#/components/(\\w+)/([\\w.-]+)").matcher(text);
        while (refs.find()) {
            Map<String, Object> section = map(components.get(refs.group(1)));
            assertTrue(section.containsKey(refs.group(2)), "dangling $ref " + refs.group());
        }
    }

    private static Map<String, Object> openApi() throws IOException {
        try (InputStream resource = OpenApiContractTest.class.getResourceAsStream("/microjobs/openapi.yaml")) {
            assertNotNull(resource, "openapi.yaml on the classpath (from the intake module)");
            return new Yaml().load(resource);
        }
    }

    private static Map<String, Map<String, Object>> paths(Map<String, Object> document) {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        return paths;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertTrue(node instanceof Map, "expected a mapping, got " + node);
        return (Map<String, Object>) node;
    }
}
