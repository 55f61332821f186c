package dev.microjobs.local.template;

import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads CloudFormation YAML into plain maps, lists and scalars. The short-form tags
 * ({@code !Ref}, {@code !GetAtt}, ...) become {@link Intrinsic} values; every tag CloudFormation
 * knows is accepted here, so that an unsupported one is reported by the model with its place
 * in the template rather than as a YAML syntax error.
 */
final class CloudFormationYaml {

    private static final List<String> FUNCTIONS = List.of(
            "Ref", "Condition", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split",
            "Fn::If", "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Fn::FindInMap", "Fn::Base64",
            "Fn::Cidr", "Fn::GetAZs", "Fn::ImportValue", "Fn::Transform", "Fn::Length", "Fn::ToJsonString");

    private CloudFormationYaml() {
    }

    static boolean isFunctionName(String key) {
        return FUNCTIONS.contains(key);
    }

    static Object load(String yaml, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new IntrinsicConstructor(options)).load(yaml);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new TemplateException(source + ": line " + line + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new TemplateException(source + ": " + e.getMessage());
        }
    }

    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            for (String function : FUNCTIONS) {
                String tag = "!" + (function.startsWith("Fn::") ? function.substring(4) : function);
                yamlConstructors.put(new Tag(tag), new ConstructIntrinsic(function));
            }
        }

        private final class ConstructIntrinsic extends AbstractConstruct {
            private final String function;

            ConstructIntrinsic(String function) {
                this.function = function;
            }

            @Override
            public Object construct(Node node) {
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    argument = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    argument = constructSequence(sequence);
                } else {
                    argument = constructMapping((MappingNode) node);
                }
                return new Intrinsic(function, argument);
            }
        }
    }
}
