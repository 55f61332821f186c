package dev.microjobs.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.lang.reflect.Method;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class LoopbackHttpServerTest {

    @Test
    void listensOnLoopbackOnly() throws Exception {
        HttpServer server = LoopbackHttpServer.create(0, 0);
        try {
            assertEquals(InetAddress.getLoopbackAddress(), server.getAddress().getAddress());
            assertTrue(server.getAddress().getPort() > 0);
        } finally {
            server.stop(0);
        }
    }

    /**
     * The JDK server decides once per JVM, from the property, whether its connections get
     * TCP_NODELAY; a server made anywhere before the first of ours would leave every exchange
     * 40 ms slower. Nothing else in this JVM sets the property.
     */
    @Test
    void theJdkServerTakesNoDelayForItsConnections() throws Exception {
        LoopbackHttpServer.create(0, 0).stop(0);

        Method noDelay = Class.forName("sun.net.httpserver.ServerConfig").getDeclaredMethod("noDelay");
        noDelay.setAccessible(true);
        assertTrue((Boolean) noDelay.invoke(null), "TCP_NODELAY is off on the JDK server's connections");
    }
}
