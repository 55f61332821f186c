package dev.microjobs.aws.webhooks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StandardWebhookSignerTest {
    // The example of the Standard Webhooks specification.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";

    @Test
    void signsLikeTheSpecificationsExample() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                StandardWebhookSigner.sign(SECRET, ID, TIMESTAMP, BODY));
    }

    @Test
    void theSignatureCoversTheIdTheTimestampAndTheBody() {
        String signature = StandardWebhookSigner.sign(SECRET, ID, TIMESTAMP, BODY);

        assertNotEquals(signature, StandardWebhookSigner.sign(SECRET, ID + "x", TIMESTAMP, BODY));
        assertNotEquals(signature, StandardWebhookSigner.sign(SECRET, ID, TIMESTAMP + 1, BODY));
        assertNotEquals(signature, StandardWebhookSigner.sign(SECRET, ID, TIMESTAMP, BODY + " "));
    }

    @Test
    void refusesASecretInAnotherFormat() {
        assertThrows(IllegalArgumentException.class, () -> StandardWebhookSigner.sign("MfKQ9r8GKYqr", ID, TIMESTAMP, BODY));
        assertThrows(IllegalArgumentException.class, () -> StandardWebhookSigner.sign("whsec_", ID, TIMESTAMP, BODY));
    }
}
