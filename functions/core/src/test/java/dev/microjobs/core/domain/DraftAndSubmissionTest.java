package dev.microjobs.core.domain;

import static dev.microjobs.core.domain.Fixtures.IDS;
import static dev.microjobs.core.domain.Fixtures.T0;
import static dev.microjobs.core.domain.Fixtures.json;
import static dev.microjobs.core.domain.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DraftAndSubmissionTest {

    private final String worker = IDS.next(IdType.WORKER);
    private final String claimId = IDS.next(IdType.CLAIM);

    private Submission submission(double editRatio) {
        return new Submission(claimId, worker, text("done"), DraftUse.EDITED, T0, T0.plusSeconds(30), 30, editRatio);
    }

    @Test
    void aDraftHasContentAndUsage() {
        Draft draft = Draft.of(DraftProviderName.BEDROCK, "anthropic.claude", json("{\"tags\":[\"cat\"]}"),
                850, 120L, 14L, T0);

        assertTrue(draft.hasContent());
        assertEquals("cat", draft.content().get("tags").get(0).textValue());
        assertNull(draft.failureReason());
    }

    @Test
    void noDraftRecordsWhy() {
        Draft none = Draft.none(DraftProviderName.NONE, "drafting is off for this job", T0);

        assertFalse(none.hasContent());
        assertNull(none.content());
        assertEquals("drafting is off for this job", none.failureReason());
    }

    @Test
    void aDraftHasContentOrAReasonButNotBothOrNeither() {
        assertThrows(IllegalArgumentException.class, () -> Draft.none(DraftProviderName.OPENAI, " ", T0));
        assertThrows(IllegalArgumentException.class, () -> Draft.none(DraftProviderName.OPENAI, null, T0));
        assertThrows(IllegalArgumentException.class, () -> new Draft(DraftProviderName.OPENAI, null, text("x"),
                1, null, null, "also failed", T0));
        assertThrows(IllegalArgumentException.class, () -> Draft.of(DraftProviderName.OPENAI, null,
                NullNode.getInstance(), 1, null, null, T0));
    }

    @Test
    void aDraftRejectsNegativeCounts() {
        assertThrows(IllegalArgumentException.class,
                () -> Draft.of(DraftProviderName.OPENAI, "m", text("x"), -1, null, null, T0));
        assertThrows(IllegalArgumentException.class,
                () -> Draft.of(DraftProviderName.OPENAI, "m", text("x"), 1, -1L, null, T0));
    }

    @Test
    void draftContentCannotBeChangedFromOutside() {
        ObjectNode content = (ObjectNode) json("{\"a\":1}");
        Draft draft = Draft.of(DraftProviderName.WEBHOOK, null, content, 5, null, null, T0);

        content.put("a", 2);
        ((ObjectNode) draft.content()).put("a", 3);

        assertEquals(1, draft.content().get("a").intValue());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.5, 1.0})
    void anEditRatioFromZeroToOneIsAccepted(double ratio) {
        assertEquals(ratio, submission(ratio).editRatio());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY})
    void anEditRatioOutsideZeroToOneIsRefused(double ratio) {
        assertThrows(IllegalArgumentException.class, () -> submission(ratio));
    }

    @Test
    void aSubmissionCannotPredateItsClaimOrBeEmpty() {
        assertThrows(IllegalArgumentException.class, () -> new Submission(claimId, worker, text("x"),
                DraftUse.ACCEPTED, T0, T0.minusSeconds(1), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Submission(claimId, worker, NullNode.getInstance(),
                DraftUse.ACCEPTED, T0, T0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Submission(claimId, worker, text("x"),
                DraftUse.ACCEPTED, T0, T0, -1, 0));
        assertThrows(InvalidIdException.class, () -> new Submission(worker, claimId, text("x"),
                DraftUse.ACCEPTED, T0, T0, 0, 0));
    }

    @Test
    void aLeaseEndsAfterItStarts() {
        assertThrows(IllegalArgumentException.class, () -> new Claim(claimId, worker, T0, T0));
        assertEquals(T0.plusSeconds(1), new Claim(claimId, worker, T0, T0.plusSeconds(1)).leaseExpiresAt());
    }
}
