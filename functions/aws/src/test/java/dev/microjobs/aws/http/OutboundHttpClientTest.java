package dev.microjobs.aws.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutboundHttpClientTest {

    @Test
    void buildsOneClientThatNeverFollowsRedirects() {
        OutboundHttpClient http = new OutboundHttpClient(Duration.ofSeconds(2));

        HttpClient client = http.get();

        assertSame(client, http.get());
        assertEquals(HttpClient.Redirect.NEVER, client.followRedirects());
        assertEquals(Optional.of(Duration.ofSeconds(2)), client.connectTimeout());
    }
}
