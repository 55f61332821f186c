package dev.microjobs.local.template;

import java.util.Map;
import java.util.Optional;

/** The values of CloudFormation's pseudo parameters ({@code AWS::Region}, ...) for one deployment. */
public record PseudoParameters(String region, String accountId, String stackName) {

    /** What the local stack pretends to be. */
    public static final PseudoParameters LOCAL = new PseudoParameters("us-east-1", "000000000000", "microjobs-local");

    static boolean isPseudoParameter(String name) {
        return name.startsWith("AWS::");
    }

    /** The value of {@code name}; empty for unknown names and for those without a single value ({@code AWS::NoValue}). */
    public Optional<String> value(String name) {
        return Optional.ofNullable(Map.of(
                "AWS::Region", region,
                "AWS::AccountId", accountId,
                "AWS::StackName", stackName,
                "AWS::StackId", "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + stackName + "/local",
                "AWS::Partition", "aws",
                "AWS::URLSuffix", "amazonaws.com").get(name));
    }
}
