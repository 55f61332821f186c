package dev.microjobs.aws.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StandardWebhookSignerTest {

    /** Key, id, timestamp and body signed independently with {@code openssl dgst -sha256 -hmac}. */
    @Test
    void signsIdTimestampAndBodyWithTheDecodedSecret() {
        String secret = "whsec_TWZLUTlyOEdLWXFyVHdqVVBEOElMUFpJbzJMYUxhU3c=";

        String signature = StandardWebhookSigner.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}");

        assertEquals("v1,ELhqG0Ku1gwOc1f4jyKdp3SFGFLAOdJ9bvpWLciCakI=", signature);
    }

    @Test
    void refusesASecretWithoutThePrefixOrWithoutKeyBytes() {
        assertEquals("a webhook secret starts with whsec_", assertThrows(IllegalArgumentException.class,
                () -> StandardWebhookSigner.sign("TWZLUTly", "msg_1", 1, "{}")).getMessage());
        assertEquals("the webhook secret is empty", assertThrows(IllegalArgumentException.class,
                () -> StandardWebhookSigner.sign("whsec_", "msg_1", 1, "{}")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> StandardWebhookSigner.sign(null, "msg_1", 1, "{}"));
    }
}
