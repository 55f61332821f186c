package dev.microjobs.local.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What a function's {@code CodeUri} must be here: {@code <module>/target/<name>.jar}, where
 * {@code <module>} is a module of the root POM whose build is named {@code <name>} and shades
 * its dependencies into that jar ({@code sam build} cannot build sibling Maven modules, so SAM
 * deploys the jar Maven made).
 */
final class ModuleJars {

    private static final Pattern CODE_URI = Pattern.compile("(?<module>[^/].*)/target/(?<name>[^/]+)\\.jar");

    private final Path projectRoot;

    ModuleJars(Path projectRoot) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
    }

    /** What is wrong with {@code codeUri}; empty when it names the jar of a module that builds one. */
    Optional<String> problem(String codeUri) {
        Matcher matcher = CODE_URI.matcher(codeUri);
        if (!matcher.matches()) {
            return Optional.of("\"" + codeUri + "\" is not <module>/target/<name>.jar");
        }
        String module = matcher.group("module");
        Path moduleDir = projectRoot.resolve(module).normalize();
        if (!moduleDir.startsWith(projectRoot) || !Files.isRegularFile(moduleDir.resolve("pom.xml"))) {
            return Optional.of("\"" + module + "\" is not a Maven module of this project (no " + module + "/pom.xml)");
        }
        if (!children(root(projectRoot.resolve("pom.xml")), "modules", "module").contains(module)) {
            return Optional.of("module " + module + " is not listed in the <modules> of the root pom.xml, so no build makes its jar");
        }
        Element pom = root(moduleDir.resolve("pom.xml"));
        List<String> finalName = children(pom, "build", "finalName");
        if (!finalName.equals(List.of(matcher.group("name")))) {
            return Optional.of(module + "/pom.xml names its jar " + (finalName.isEmpty() ? "<artifactId>-<version>" : finalName.get(0))
                    + ".jar, not " + matcher.group("name") + ".jar (set <build><finalName>)");
        }
        if (!pluginArtifactIds(pom).contains("maven-shade-plugin")) {
            return Optional.of(module + "/pom.xml does not run maven-shade-plugin: its jar would lack the dependencies Lambda needs");
        }
        return Optional.empty();
    }

    private static List<String> pluginArtifactIds(Element pom) {
        List<String> ids = new ArrayList<>();
        for (Element build : elements(pom, "build")) {
            for (Element plugins : elements(build, "plugins")) {
                for (Element plugin : elements(plugins, "plugin")) {
                    elements(plugin, "artifactId").forEach(id -> ids.add(id.getTextContent().trim()));
                }
            }
        }
        return ids;
    }

    /** The texts of {@code <section><item>} directly under {@code parent}. */
    private static List<String> children(Element parent, String section, String item) {
        List<String> texts = new ArrayList<>();
        for (Element container : elements(parent, section)) {
            elements(container, item).forEach(element -> texts.add(element.getTextContent().trim()));
        }
        return texts;
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element root(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new TemplateException(pom + ": cannot read: " + e.getMessage());
        }
    }
}
