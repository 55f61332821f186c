package dev.microjobs.local.template;

/** Properties that must point at another resource of the template. */
final class References {

    private References() {
    }

    /** A queue ARN written as {@code !GetAtt Queue.Arn}; returns the queue's logical id. */
    static String queueArn(YamlNode node) {
        TemplateValue value = node.templateValue();
        if (value instanceof TemplateValue.GetAtt getAtt && getAtt.attribute().equals("Arn")) {
            return getAtt.logicalId();
        }
        throw node.error("expected !GetAtt <Queue>.Arn of a queue in this template, got " + node.describe());
    }
}
