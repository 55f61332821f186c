package dev.microjobs.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Resolves {@link TemplateValue}s to strings: parameters from overrides or their {@code Default},
 * pseudo parameters from {@link PseudoParameters}, and resources through {@link ResourceValues},
 * which the caller provides (the local stack answers with local table names, queue URLs and ARNs).
 */
public final class IntrinsicResolver {

    /** What {@code Ref} and {@code Fn::GetAtt} mean for a resource; empty when there is no such value. */
    public interface ResourceValues {
        Optional<String> ref(String logicalId);

        Optional<String> attribute(String logicalId, String attribute);
    }

    private final Template template;
    private final Map<String, String> parameterValues;
    private final PseudoParameters pseudoParameters;
    private final ResourceValues resources;

    /**
     * @param parameterOverrides values that replace parameter defaults; each must name a parameter
     *                           of the template and respect its {@code AllowedValues}
     */
    public IntrinsicResolver(Template template, Map<String, String> parameterOverrides,
                             PseudoParameters pseudoParameters, ResourceValues resources) {
        this.template = template;
        this.parameterValues = Map.copyOf(parameterOverrides);
        this.pseudoParameters = pseudoParameters;
        this.resources = resources;
        parameterOverrides.forEach(this::checkOverride);
    }

    /** The string value; {@code location} names the property in error messages. */
    public String resolve(TemplateValue value, String location) {
        if (value instanceof TemplateValue.Literal literal) {
            return literal.text();
        }
        if (value instanceof TemplateValue.Ref ref) {
            return ref(ref.name(), location);
        }
        if (value instanceof TemplateValue.GetAtt getAtt) {
            return attribute(getAtt.logicalId(), getAtt.attribute(), location);
        }
        if (value instanceof TemplateValue.Sub sub) {
            return substitute(sub, location);
        }
        if (value instanceof TemplateValue.Join join) {
            return join.values().stream().map(item -> resolve(item, location))
                    .collect(Collectors.joining(join.delimiter()));
        }
        if (value instanceof TemplateValue.Select select) {
            List<TemplateValue> items = list(select.list(), location);
            if (select.index() < 0 || select.index() >= items.size()) {
                throw error(location, "!Select index " + select.index() + " is outside a list of " + items.size());
            }
            return resolve(items.get(select.index()), location);
        }
        throw error(location, "expected a single value, got a list");
    }

    private List<TemplateValue> list(TemplateValue value, String location) {
        if (value instanceof TemplateValue.ListValue list) {
            return list.items();
        }
        throw error(location, "!Select needs a literal list");
    }

    private String ref(String name, String location) {
        if (PseudoParameters.isPseudoParameter(name)) {
            return pseudoParameters.value(name)
                    .orElseThrow(() -> error(location, "pseudo parameter " + name + " is not supported by the local stack"));
        }
        ParameterDef parameter = template.parameters().get(name);
        if (parameter != null) {
            return Optional.ofNullable(parameterValues.get(name)).or(parameter::defaultValue)
                    .orElseThrow(() -> error(location, "parameter " + name + " has no Default and no value was given"));
        }
        return resources.ref(name).orElseThrow(() -> error(location,
                "!Ref " + name + " (" + typeOf(name) + ") has no local value"));
    }

    private String attribute(String logicalId, String attribute, String location) {
        return resources.attribute(logicalId, attribute).orElseThrow(() -> error(location,
                "!GetAtt " + logicalId + "." + attribute + " (" + typeOf(logicalId) + ") has no local value"));
    }

    private String substitute(TemplateValue.Sub sub, String location) {
        StringBuilder result = new StringBuilder();
        for (SubText.Part part : SubText.parse(sub.text())) {
            if (!part.isReference()) {
                result.append(part.text());
            } else if (sub.variables().containsKey(part.text())) {
                result.append(resolve(sub.variables().get(part.text()), location));
            } else {
                int dot = part.text().indexOf('.');
                result.append(dot > 0
                        ? attribute(part.text().substring(0, dot), part.text().substring(dot + 1), location)
                        : ref(part.text(), location));
            }
        }
        return result.toString();
    }

    private void checkOverride(String name, String value) {
        ParameterDef parameter = template.parameters().get(name);
        if (parameter == null) {
            throw new TemplateException(template.source() + ": Parameters: no parameter named " + name);
        }
        if (!parameter.allowedValues().isEmpty() && !parameter.allowedValues().contains(value)) {
            throw error("Parameters." + name, "\"" + value + "\" is not one of the AllowedValues " + parameter.allowedValues());
        }
    }

    private String typeOf(String logicalId) {
        return template.resourceType(logicalId).orElse("unknown resource");
    }

    private TemplateException error(String location, String problem) {
        return TemplateException.at(template.source(), location, problem);
    }
}
