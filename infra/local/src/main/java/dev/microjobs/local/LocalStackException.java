package dev.microjobs.local;

/**
 * The stack cannot start as asked: a bad flag or value, a port in use, a template the stack
 * cannot run, a handler that cannot be created. The message is one line meant for the user.
 */
public final class LocalStackException extends RuntimeException {

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
