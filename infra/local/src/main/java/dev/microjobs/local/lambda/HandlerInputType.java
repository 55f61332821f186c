package dev.microjobs.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the input type {@code I} a class gives {@code RequestHandler<I, O>}, following type
 * arguments through superclasses (e.g. {@code class DraftsHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse>}),
 * as the Lambda runtime does to decide what to deserialize the event into.
 */
final class HandlerInputType {

    private HandlerInputType() {
    }

    /** The raw input class, or {@code Object} when the class leaves it open. */
    static Class<?> of(Class<?> handlerClass) {
        Type input = find(handlerClass, new HashMap<>());
        return input == null ? Object.class : rawClass(input);
    }

    private static Type find(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = rawClass(type);
        if (raw == null) {
            return null;
        }
        Map<TypeVariable<?>, Type> scope = new HashMap<>(bindings);
        if (type instanceof ParameterizedType parameterized) {
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                scope.put(variables[i], resolve(arguments[i], bindings));
            }
            if (raw == RequestHandler.class) {
                return scope.get(variables[0]);
            }
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Type found = find(parent, scope);
            if (found != null) {
                return found;
            }
        }
        return raw.getGenericSuperclass() == null ? null : find(raw.getGenericSuperclass(), scope);
    }

    private static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        return type instanceof TypeVariable<?> variable ? bindings.getOrDefault(variable, Object.class) : type;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> clazz) {
            return clazz;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return type instanceof TypeVariable<?> ? Object.class : null;
    }
}
