package dev.microjobs.local.aws;

import dev.microjobs.local.LocalStackException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Recognises a failed bind among the different exceptions each embedded server throws for it. */
public final class PortInUse {

    private PortInUse() {
    }

    /**
     * Fails with a one-line error if {@code port} on 127.0.0.1 is taken. Checked before starting the
     * embedded servers, whose own bind failures come with pages of logs and a slow start first.
     */
    public static void requireFree(int port, String what, String flag) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw describe(e, what, port, flag);
        }
    }

    /** A one-line error if {@code failure} (or a cause) is a bind failure, else a generic one that keeps the cause. */
    public static LocalStackException describe(Throwable failure, String what, int port, String flag) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof BindException || message.contains("Address already in use") || message.contains("Failed to bind")) {
                return new LocalStackException(what + " cannot listen on 127.0.0.1:" + port
                        + ": the port is already in use (choose another with " + flag + ")");
            }
        }
        return new LocalStackException(what + " failed to start: " + failure, failure);
    }
}
