package dev.microjobs.local.template;

/**
 * Checks that every reference the model keeps points at something the template declares:
 * dead-letter queues and SQS event sources name queues, and {@code Ref}, {@code GetAtt} and
 * {@code Sub} name parameters, pseudo parameters or resources.
 */
final class ReferenceChecker {

    private final Template template;

    ReferenceChecker(Template template) {
        this.template = template;
    }

    void check() {
        template.queues().values().forEach(queue -> {
            String location = "Resources." + queue.logicalId() + ".Properties.";
            queue.redrivePolicy().ifPresent(policy ->
                    requireQueue(policy.deadLetterQueueLogicalId(), location + "RedrivePolicy.deadLetterTargetArn"));
            queue.queueName().ifPresent(name -> checkValue(name, location + "QueueName"));
        });
        template.queues().values().forEach(this::rejectRedriveCycle);
        template.tables().values().forEach(table -> table.tableName().ifPresent(name ->
                checkValue(name, "Resources." + table.logicalId() + ".Properties.TableName")));
        template.functions().values().forEach(function -> {
            function.environment().forEach(variable -> checkValue(variable.value(), variable.location()));
            function.events(SqsEventSource.class).forEach(event ->
                    requireQueue(event.queueLogicalId(), event.location() + ".Properties.Queue"));
        });
    }

    /** A queue whose dead-letter chain leads back to itself could never be created. */
    private void rejectRedriveCycle(QueueDef start) {
        QueueDef queue = start;
        for (int step = 0; step < template.queues().size(); step++) {
            if (queue.redrivePolicy().isEmpty()) {
                return;
            }
            queue = template.queues().get(queue.redrivePolicy().get().deadLetterQueueLogicalId());
        }
        throw TemplateException.at(template.source(), "Resources." + start.logicalId() + ".Properties.RedrivePolicy",
                "the dead-letter queues of " + start.logicalId() + " lead back to it");
    }

    private void requireQueue(String logicalId, String location) {
        if (!template.queues().containsKey(logicalId)) {
            throw TemplateException.at(template.source(), location, logicalId + " is not an AWS::SQS::Queue of this template");
        }
    }

    private void checkValue(TemplateValue value, String location) {
        if (value instanceof TemplateValue.ListValue list) {
            list.items().forEach(item -> checkValue(item, location));
        } else if (value instanceof TemplateValue.Ref ref) {
            requireName(ref.name(), location);
        } else if (value instanceof TemplateValue.GetAtt getAtt) {
            requireResource(getAtt.logicalId(), location);
        } else if (value instanceof TemplateValue.Join join) {
            join.values().forEach(item -> checkValue(item, location));
        } else if (value instanceof TemplateValue.Select select) {
            checkValue(select.list(), location);
        } else if (value instanceof TemplateValue.Sub sub) {
            sub.variables().values().forEach(variable -> checkValue(variable, location));
            SubText.parse(sub.text()).stream()
                    .filter(SubText.Part::isReference)
                    .map(SubText.Part::text)
                    .filter(name -> !sub.variables().containsKey(name))
                    .forEach(name -> checkSubReference(name, location));
        }
    }

    private void checkSubReference(String name, String location) {
        int dot = name.indexOf('.');
        if (dot > 0) {
            requireResource(name.substring(0, dot), location);
        } else {
            requireName(name, location);
        }
    }

    private void requireName(String name, String location) {
        if (PseudoParameters.isPseudoParameter(name) || template.parameters().containsKey(name)) {
            return;
        }
        requireResource(name, location);
    }

    private void requireResource(String logicalId, String location) {
        if (template.resourceType(logicalId).isEmpty()) {
            throw TemplateException.at(template.source(), location,
                    logicalId + " is neither a parameter nor a resource of this template");
        }
    }
}
