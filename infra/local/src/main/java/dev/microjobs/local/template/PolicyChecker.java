package dev.microjobs.local.template;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Least privilege in IAM: no statement allows every action, and none allows an action on every
 * resource ({@code Resource: '*'}) when the resource could be named; no broad AWS managed
 * policy; SAM policy templates ({@code DynamoDBCrudPolicy: {TableName: !Ref Table}}) scoped to
 * a resource, not to {@code *}.
 */
final class PolicyChecker {

    /**
     * Actions that IAM grants on {@code Resource: '*'} only: they act on no resource that has
     * an ARN, so naming one is impossible.
     */
    private static final Set<String> RESOURCELESS_ACTIONS = Set.of(
            "cloudwatch:PutMetricData",
            "xray:PutTraceSegments",
            "xray:PutTelemetryRecords",
            "xray:GetSamplingRules",
            "xray:GetSamplingTargets",
            "sts:GetCallerIdentity",
            "bedrock:ListFoundationModels",
            "dynamodb:ListTables",
            "sqs:ListQueues",
            "ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DeleteNetworkInterface");

    /** AWS managed policies that grant far more than one function needs. */
    private static final Set<String> BROAD_MANAGED_POLICIES = Set.of("AdministratorAccess", "PowerUserAccess");

    private final Violations violations;

    PolicyChecker(Violations violations) {
        this.violations = violations;
    }

    /** A function's {@code Policies}: a managed policy, or a list of managed policies, documents and SAM policy templates. */
    void checkFunctionPolicies(String resource, YamlNode policies) {
        List<YamlNode> items = policies.isList() ? policies.items() : List.of(policies);
        for (YamlNode item : items) {
            if (!item.isMapping()) {
                checkManagedPolicy(resource, item);
            } else if (item.optional("Statement").isPresent()) {
                checkDocument(resource, item);
            } else {
                item.entries().forEach((templateName, parameters) -> checkPolicyTemplate(resource, templateName, parameters));
            }
        }
    }

    /** {@code AWS::IAM::Role}, {@code AWS::IAM::Policy} and {@code AWS::IAM::ManagedPolicy}. */
    void checkIamResource(String resource, YamlNode properties) {
        properties.optional("PolicyDocument").ifPresent(document -> checkDocument(resource, document));
        properties.optional("Policies").ifPresent(inline -> inline.items().forEach(policy ->
                policy.optional("PolicyDocument").ifPresent(document -> checkDocument(resource, document))));
        properties.optional("ManagedPolicyArns").ifPresent(arns -> arns.items().forEach(arn -> checkManagedPolicy(resource, arn)));
    }

    private void checkManagedPolicy(String resource, YamlNode policy) {
        text(policy).ifPresent(arn -> {
            String name = arn.substring(arn.lastIndexOf('/') + 1);
            if (BROAD_MANAGED_POLICIES.contains(name) || name.endsWith("FullAccess")) {
                violations.at(resource, policy, "managed policy " + name + " grants far more than this needs;"
                        + " use a SAM policy template or a statement scoped to the resources it uses");
            }
        });
    }

    private void checkPolicyTemplate(String resource, String templateName, YamlNode parameters) {
        if (!parameters.isMapping()) {
            return;
        }
        parameters.entries().forEach((name, value) -> literal(value).filter(text -> text.contains("*")).ifPresent(text ->
                violations.at(resource, value, templateName + " is scoped to \"" + text + "\";"
                        + " name the resource (e.g. !Ref of the table or queue)")));
    }

    private void checkDocument(String resource, YamlNode document) {
        YamlNode statements = document.required("Statement");
        for (YamlNode statement : statements.isList() ? statements.items() : List.of(statements)) {
            if (!"Allow".equals(statement.optional("Effect").flatMap(PolicyChecker::literal).orElse(""))) {
                continue;
            }
            statement.optional("NotAction").ifPresent(notAction -> violations.at(resource, notAction,
                    "Allow with NotAction grants every action not listed; list the actions instead"));
            statement.optional("NotResource").ifPresent(notResource -> violations.at(resource, notResource,
                    "Allow with NotResource grants every resource not listed; list the resources instead"));
            List<String> actions = statement.optional("Action").map(PolicyChecker::literals).orElse(List.of());
            statement.optional("Action").ifPresent(action -> actions.stream()
                    .filter(name -> name.equals("*") || name.endsWith(":*"))
                    .forEach(name -> violations.at(resource, action, "Action \"" + name + "\" grants every action"
                            + (name.equals("*") ? "" : " of " + name.substring(0, name.length() - 2))
                            + "; list the actions this needs")));
            statement.optional("Resource").ifPresent(resources -> {
                boolean everyResource = literals(resources).contains("*");
                if (everyResource && !RESOURCELESS_ACTIONS.containsAll(actions)) {
                    violations.at(resource, resources, "Resource \"*\" for " + actions
                            + "; name the resources (ARNs with !GetAtt / !Sub)");
                }
            });
        }
    }

    /** A literal, or the text of a {@code !Sub} (enough to read a managed policy's name). */
    private static Optional<String> text(YamlNode node) {
        if (node.intrinsic().isPresent()) {
            boolean isSub = node.intrinsic().get().function().equals("Fn::Sub");
            return isSub && node.templateValue() instanceof TemplateValue.Sub sub ? Optional.of(sub.text()) : Optional.empty();
        }
        return literal(node);
    }

    private static Optional<String> literal(YamlNode node) {
        return node.isMapping() || node.isList() || node.intrinsic().isPresent() ? Optional.empty() : Optional.of(node.string());
    }

    private static List<String> literals(YamlNode node) {
        List<YamlNode> items = node.isList() ? node.items() : List.of(node);
        return items.stream().map(PolicyChecker::literal).flatMap(Optional::stream).toList();
    }
}
