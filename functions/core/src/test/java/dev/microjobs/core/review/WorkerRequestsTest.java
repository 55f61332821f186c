package dev.microjobs.core.review;

import dev.microjobs.core.domain.DraftUse;
import dev.microjobs.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.microjobs.core.review.ReviewFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkerRequestsTest {

    private static com.fasterxml.jackson.databind.node.ObjectNode body(String source) {
        return (com.fasterxml.jackson.databind.node.ObjectNode) json(source);
    }

    @Test
    void readsTextAndStructuredOutput() {
        var text = WorkerRequests.submission(body("{\"output\":\"Done\",\"draftUsed\":\"accepted\"}"));
        assertEquals("Done", text.output().textValue());
        assertEquals(DraftUse.ACCEPTED, text.draftUsed());

        var structured = WorkerRequests.submission(body("{\"output\":[\"a\",\"b\"],\"draftUsed\":\"edited\"}"));
        assertEquals(2, structured.output().size());
    }

    @Test
    void refusesMissingOrEmptyOutputUnknownDraftUseAndUnknownFields() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> WorkerRequests.submission(body("{\"output\":\"  \",\"draftUsed\":\"kept\",\"extra\":1}")));
        assertEquals(3, e.errors().size());
        assertThrows(ValidationException.class, () -> WorkerRequests.submission(body("{\"draftUsed\":\"edited\"}")));
        assertThrows(ValidationException.class,
                () -> WorkerRequests.submission(body("{\"output\":null,\"draftUsed\":\"edited\"}")));
    }

    @Test
    void theClaimBodyMayNameOneSkill() {
        assertEquals(Optional.empty(), WorkerRequests.preferredSkill(body("{}")));
        assertEquals(Optional.of("copy"), WorkerRequests.preferredSkill(body("{\"skill\":\"copy\"}")));
        assertThrows(ValidationException.class, () -> WorkerRequests.preferredSkill(body("{\"skill\":7}")));
        assertThrows(ValidationException.class, () -> WorkerRequests.preferredSkill(body("{\"skills\":\"copy\"}")));
    }
}
