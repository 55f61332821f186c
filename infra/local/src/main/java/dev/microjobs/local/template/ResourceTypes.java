package dev.microjobs.local.template;

import java.util.Set;

/** The resource types the model knows, and those it may safely ignore because they change nothing locally. */
final class ResourceTypes {

    static final String TABLE = "AWS::DynamoDB::Table";
    static final String QUEUE = "AWS::SQS::Queue";
    static final String FUNCTION = "AWS::Serverless::Function";
    static final String HTTP_API = "AWS::Serverless::HttpApi";

    private static final Set<String> MODELLED = Set.of(TABLE, QUEUE, FUNCTION, HTTP_API);

    /** Logging, permissions, monitoring and versions: real in AWS, without effect on one machine. */
    private static final Set<String> WITHOUT_LOCAL_EFFECT = Set.of(
            "AWS::Logs::LogGroup",
            "AWS::IAM::Role",
            "AWS::IAM::Policy",
            "AWS::IAM::ManagedPolicy",
            "AWS::Lambda::Permission",
            "AWS::Lambda::Version",
            "AWS::Lambda::Alias",
            "AWS::SQS::QueuePolicy",
            "AWS::CloudWatch::Alarm",
            "AWS::CloudWatch::Dashboard");

    private ResourceTypes() {
    }

    static boolean isKnown(String type) {
        return MODELLED.contains(type) || WITHOUT_LOCAL_EFFECT.contains(type);
    }
}
