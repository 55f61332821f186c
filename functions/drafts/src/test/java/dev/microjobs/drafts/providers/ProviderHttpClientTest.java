package dev.microjobs.drafts.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderHttpClientTest {

    @Test
    void buildsOneClientThatNeverFollowsRedirects() {
        ProviderHttpClient http = new ProviderHttpClient(Duration.ofSeconds(2));

        HttpClient client = http.get();

        assertSame(client, http.get());
        assertEquals(HttpClient.Redirect.NEVER, client.followRedirects());
        assertEquals(Optional.of(Duration.ofSeconds(2)), client.connectTimeout());
    }
}
