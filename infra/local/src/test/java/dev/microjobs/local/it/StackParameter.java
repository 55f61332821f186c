package dev.microjobs.local.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A template parameter value for the stack a {@link StackTest} class starts (e.g. a short retry delay). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(StackParameter.List.class)
public @interface StackParameter {
    String name();

    String value();

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        StackParameter[] value();
    }
}
