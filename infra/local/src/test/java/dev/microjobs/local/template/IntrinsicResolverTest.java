package dev.microjobs.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntrinsicResolverTest {

    private static final Template TEMPLATE = Template.parse("""
            Parameters:
              Mode: { Type: String, Default: offline, AllowedValues: [offline, openai] }
              Required: { Type: String }
            Resources:
              Jobs: { Type: AWS::DynamoDB::Table, Properties: { AttributeDefinitions: [{AttributeName: pk, AttributeType: S}], KeySchema: [{AttributeName: pk, KeyType: HASH}] } }
              Logs: { Type: AWS::Logs::LogGroup }
            """, "template.yaml");

    private static final IntrinsicResolver.ResourceValues LOCAL = new IntrinsicResolver.ResourceValues() {
        @Override
        public Optional<String> ref(String logicalId) {
            return logicalId.equals("Jobs") ? Optional.of("jobs-table") : Optional.empty();
        }

        @Override
        public Optional<String> attribute(String logicalId, String attribute) {
            return logicalId.equals("Jobs") && attribute.equals("Arn") ? Optional.of("arn:jobs") : Optional.empty();
        }
    };

    private final IntrinsicResolver resolver = new IntrinsicResolver(TEMPLATE, Map.of(), PseudoParameters.LOCAL, LOCAL);

    @Test
    void resolvesReferencesParametersAndPseudoParameters() {
        assertEquals("jobs-table", resolve(new TemplateValue.Ref("Jobs")));
        assertEquals("arn:jobs", resolve(new TemplateValue.GetAtt("Jobs", "Arn")));
        assertEquals("offline", resolve(new TemplateValue.Ref("Mode")));
        assertEquals("us-east-1", resolve(new TemplateValue.Ref("AWS::Region")));
    }

    @Test
    void substitutesJoinsAndSelects() {
        assertEquals("microjobs-local/jobs-table/arn:jobs/x/${Literal}.amazonaws.com",
                resolve(new TemplateValue.Sub("${AWS::StackName}/${Jobs}/${Jobs.Arn}/${Local}/${!Literal}.${AWS::URLSuffix}",
                        Map.of("Local", new TemplateValue.Literal("x")))));
        assertEquals("a-jobs-table", resolve(new TemplateValue.Join("-",
                List.of(new TemplateValue.Literal("a"), new TemplateValue.Ref("Jobs")))));
        assertEquals("b", resolve(new TemplateValue.Select(1, new TemplateValue.ListValue(
                List.of(new TemplateValue.Literal("a"), new TemplateValue.Literal("b"))))));
    }

    @Test
    void overridesParametersWithinAllowedValues() {
        IntrinsicResolver overridden = new IntrinsicResolver(TEMPLATE, Map.of("Mode", "openai", "Required", "given"),
                PseudoParameters.LOCAL, LOCAL);
        assertEquals("openai", overridden.resolve(new TemplateValue.Ref("Mode"), "X"));
        assertEquals("given", overridden.resolve(new TemplateValue.Ref("Required"), "X"));

        TemplateException notAllowed = assertThrows(TemplateException.class, () ->
                new IntrinsicResolver(TEMPLATE, Map.of("Mode", "magic"), PseudoParameters.LOCAL, LOCAL));
        assertEquals("template.yaml: Parameters.Mode: \"magic\" is not one of the AllowedValues [offline, openai]",
                notAllowed.getMessage());
        assertThrows(TemplateException.class, () ->
                new IntrinsicResolver(TEMPLATE, Map.of("Nope", "x"), PseudoParameters.LOCAL, LOCAL));
    }

    @Test
    void namesThePropertyWhenAValueHasNoLocalMeaning() {
        assertEquals("template.yaml: Resources.F.Properties.Environment.Variables.LOGS: !Ref Logs (AWS::Logs::LogGroup) has no local value",
                assertThrows(TemplateException.class, () -> resolver.resolve(new TemplateValue.Ref("Logs"),
                        "Resources.F.Properties.Environment.Variables.LOGS")).getMessage());
        assertEquals("template.yaml: X: parameter Required has no Default and no value was given",
                assertThrows(TemplateException.class, () -> resolve(new TemplateValue.Ref("Required"))).getMessage());
        assertEquals("template.yaml: X: pseudo parameter AWS::NoValue is not supported by the local stack",
                assertThrows(TemplateException.class, () -> resolve(new TemplateValue.Ref("AWS::NoValue"))).getMessage());
    }

    private String resolve(TemplateValue value) {
        return resolver.resolve(value, "X");
    }
}
