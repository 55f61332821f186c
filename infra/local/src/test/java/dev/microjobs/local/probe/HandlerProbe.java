package dev.microjobs.local.probe;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * Does what Lambda does when an execution environment starts, in a JVM of its own next to a
 * function's jar: loads the handler class by name, checks that it is a Lambda handler, and
 * creates it with its public no-arg constructor. Prints {@code started <class>} and exits 0,
 * or prints the failure with its causes and exits 1.
 *
 * <p>JDK only and a single class file: it runs on the function's classpath, which must stay
 * exactly the function's jar (that jar brings aws-lambda-java-core).
 */
public final class HandlerProbe {

    private static final String[] HANDLER_INTERFACES = {
        "com.amazonaws.services.lambda.runtime.RequestHandler",
        "com.amazonaws.services.lambda.runtime.RequestStreamHandler",
    };

    private HandlerProbe() {
    }

    public static void main(String[] args) {
        String className = args[0];
        try {
            Class<?> handler = Class.forName(className);
            if (!isLambdaHandler(handler)) {
                fail(className + " implements neither RequestHandler nor RequestStreamHandler");
            }
            if (!Modifier.isPublic(handler.getModifiers()) || Modifier.isAbstract(handler.getModifiers())) {
                fail(className + " is not a public concrete class");
            }
            handler.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            fail("constructing " + className + " failed: " + causes(e.getCause()));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            fail("loading " + className + " failed: " + causes(e));
        }
        System.out.println("started " + className);
        // A handler may leave non-daemon threads behind; Lambda would freeze the environment here.
        System.exit(0);
    }

    private static boolean isLambdaHandler(Class<?> handler) throws ClassNotFoundException {
        for (String name : HANDLER_INTERFACES) {
            if (Class.forName(name).isAssignableFrom(handler)) {
                return true;
            }
        }
        return false;
    }

    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            text.append(text.length() == 0 ? "" : "\n  caused by: ").append(cause);
        }
        return text.toString();
    }

    private static void fail(String message) {
        System.out.println("FAILED " + message);
        System.exit(1);
    }
}
