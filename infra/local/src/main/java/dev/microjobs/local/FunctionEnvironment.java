package dev.microjobs.local;

import dev.microjobs.local.template.EnvironmentVariable;
import dev.microjobs.local.template.FunctionDef;
import dev.microjobs.local.template.IntrinsicResolver;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The functions' environment variables, resolved to local values and published as JVM system
 * properties, where Micronaut placeholders such as {@code ${TABLE_NAME}} find them. All handlers
 * share this JVM, so they share one set: two functions giving one variable different values
 * cannot run together, and the stack refuses to start.
 */
final class FunctionEnvironment implements AutoCloseable {

    private final Map<String, String> values;
    private final Map<String, Map<String, String>> byFunction;
    private final Map<String, String> replaced = new HashMap<>();

    private FunctionEnvironment(Map<String, String> values, Map<String, Map<String, String>> byFunction) {
        this.values = values;
        this.byFunction = byFunction;
    }

    static FunctionEnvironment resolve(Collection<FunctionDef> functions, IntrinsicResolver resolver) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Map<String, String>> byFunction = new LinkedHashMap<>();
        Map<String, String> setBy = new HashMap<>();
        for (FunctionDef function : functions) {
            Map<String, String> own = byFunction.computeIfAbsent(function.logicalId(), id -> new LinkedHashMap<>());
            for (EnvironmentVariable variable : function.environment()) {
                String value = resolver.resolve(variable.value(), variable.location());
                own.put(variable.name(), value);
                String previous = values.putIfAbsent(variable.name(), value);
                if (previous != null && !previous.equals(value)) {
                    throw new LocalStackException("environment variable " + variable.name() + " is \"" + previous + "\" for "
                            + setBy.get(variable.name()) + " but \"" + value + "\" for " + function.logicalId()
                            + "; the local stack runs all functions in one JVM and needs one value");
                }
                setBy.putIfAbsent(variable.name(), function.logicalId());
            }
        }
        return new FunctionEnvironment(values, byFunction);
    }

    /** Resolved values by variable name. */
    Map<String, String> values() {
        return values;
    }

    /** The variables {@code function} itself declares, resolved, plus {@code extra}: what a process of its own gets. */
    Map<String, String> of(FunctionDef function, Map<String, String> extra) {
        Map<String, String> own = new LinkedHashMap<>(byFunction.getOrDefault(function.logicalId(), Map.of()));
        own.putAll(extra);
        return own;
    }

    /** Sets the system properties, plus {@code extra} ones (SDK settings); {@link #close} puts the old values back. */
    void apply(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(values);
        all.putAll(extra);
        all.forEach((name, value) -> {
            replaced.putIfAbsent(name, System.getProperty(name));
            System.setProperty(name, value);
        });
    }

    @Override
    public void close() {
        replaced.forEach((name, old) -> {
            if (old == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, old);
            }
        });
    }
}
