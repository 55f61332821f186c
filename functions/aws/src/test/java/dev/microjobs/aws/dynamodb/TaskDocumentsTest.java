package dev.microjobs.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.microjobs.core.domain.Claim;
import dev.microjobs.core.domain.Draft;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.DraftUse;
import dev.microjobs.core.domain.Submission;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The expected documents are what the earlier Jackson record mapping stored, so items written before still read back. */
class TaskDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLAIM_ID = "clm_01JD3Q6Y8Z9A0B1C2D3E4F5G6H";
    private static final String WORKER_ID = "wkr_01JD3Q6Y8Z9A0B1C2D3E4F5G6H";
    private static final Instant SECOND = Instant.parse("2026-11-22T06:00:00Z");
    private static final Instant MILLIS = Instant.parse("2026-11-22T06:00:00.123Z");
    private static final Instant NANOS = Instant.parse("2026-11-22T06:00:00.123456789Z");

    @Test
    void aDraftWithEverythingKeepsItsStoredFormat() throws Exception {
        Draft draft = new Draft(DraftProviderName.OPENAI, "gpt-4o-mini", JSON.readTree("[\"a\",\"b\"]"), 1200, 10L, 20L,
                null, MILLIS);
        String stored = "{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\",\"content\":[\"a\",\"b\"],"
                + "\"latencyMs\":1200,\"inputTokens\":10,\"outputTokens\":20,\"createdAt\":\"2026-11-22T06:00:00.123Z\"}";

        assertEquals(stored, TaskDocuments.write(draft));
        assertEquals(draft, TaskDocuments.readDraft(stored));
    }

    @Test
    void aDraftStoredWithItsPromptReadsAsOneWithout() {
        String storedWithPrompt = "{\"provider\":\"offline\",\"content\":\"x\",\"prompt\":\"Summarise this report\","
                + "\"latencyMs\":5,\"createdAt\":\"2026-11-22T06:00:00Z\"}";

        assertEquals(Draft.of(DraftProviderName.OFFLINE, null, TextNode.valueOf("x"), 5, null, null, SECOND),
                TaskDocuments.readDraft(storedWithPrompt));
    }

    @Test
    void draftsWithoutContentOrOptionalPartsKeepTheirStoredFormat() {
        Draft failed = Draft.none(DraftProviderName.WEBHOOK, "HTTP 500", SECOND);
        String failedStored = "{\"provider\":\"webhook\",\"latencyMs\":0,\"failureReason\":\"HTTP 500\",\"createdAt\":\"2026-11-22T06:00:00Z\"}";
        Draft offline = new Draft(DraftProviderName.OFFLINE, null, TextNode.valueOf("x"), 0, null, null, null, NANOS);
        String offlineStored = "{\"provider\":\"offline\",\"content\":\"x\",\"latencyMs\":0,\"createdAt\":\"2026-11-22T06:00:00.123456789Z\"}";

        assertEquals(failedStored, TaskDocuments.write(failed));
        assertEquals(failed, TaskDocuments.readDraft(failedStored));
        assertEquals(offlineStored, TaskDocuments.write(offline));
        assertEquals(offline, TaskDocuments.readDraft(offlineStored));
    }

    @Test
    void aClaimKeepsItsStoredFormat() {
        Claim claim = new Claim(CLAIM_ID, WORKER_ID, SECOND, MILLIS);
        String stored = "{\"claimId\":\"" + CLAIM_ID + "\",\"workerId\":\"" + WORKER_ID + "\",\"claimedAt\":\"2026-11-22T06:00:00Z\","
                + "\"leaseExpiresAt\":\"2026-11-22T06:00:00.123Z\"}";

        assertEquals(stored, TaskDocuments.write(claim));
        assertEquals(claim, TaskDocuments.readClaim(stored));
    }

    @Test
    void submissionsKeepTheirStoredFormat() throws Exception {
        Submission edited = new Submission(CLAIM_ID, WORKER_ID, JSON.readTree("{\"tags\":[\"cat\"],\"note\":\"é\"}"), DraftUse.EDITED,
                SECOND, MILLIS, 42, 1.0 / 3);
        String editedStored = "{\"claimId\":\"" + CLAIM_ID + "\",\"workerId\":\"" + WORKER_ID + "\",\"output\":{\"tags\":[\"cat\"],"
                + "\"note\":\"é\"},\"draftUsed\":\"edited\",\"claimedAt\":\"2026-11-22T06:00:00Z\","
                + "\"submittedAt\":\"2026-11-22T06:00:00.123Z\",\"secondsSpent\":42,\"editRatio\":0.3333333333333333}";
        Submission discarded = new Submission(CLAIM_ID, WORKER_ID, TextNode.valueOf("done"), DraftUse.DISCARDED, SECOND, SECOND, 0, 1.0);
        String discardedStored = "{\"claimId\":\"" + CLAIM_ID + "\",\"workerId\":\"" + WORKER_ID + "\",\"output\":\"done\","
                + "\"draftUsed\":\"discarded\",\"claimedAt\":\"2026-11-22T06:00:00Z\",\"submittedAt\":\"2026-11-22T06:00:00Z\","
                + "\"secondsSpent\":0,\"editRatio\":1.0}";

        assertEquals(editedStored, TaskDocuments.write(edited));
        assertEquals(edited, TaskDocuments.readSubmission(editedStored));
        assertEquals(discardedStored, TaskDocuments.write(discarded));
        assertEquals(discarded, TaskDocuments.readSubmission(discardedStored));
    }

    @Test
    void nothingIsWrittenForAbsentParts() {
        assertNull(TaskDocuments.write((Draft) null));
        assertNull(TaskDocuments.write((Claim) null));
        assertNull(TaskDocuments.write((Submission) null));
    }

    @Test
    void aCorruptDocumentIsReportedAsStoredData() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> TaskDocuments.readClaim("{\"claimId\":\"" + CLAIM_ID + "\"}"));
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> TaskDocuments.readDraft("{\"provider\":\"nobody\",\"createdAt\":\"2026-11-22T06:00:00Z\"}"));
        IllegalStateException notJson = assertThrows(IllegalStateException.class, () -> TaskDocuments.readInput("{not json"));

        assertTrue(missing.getMessage().startsWith("stored claim does not read back"), missing.getMessage());
        assertTrue(unknown.getMessage().contains("unknown provider"), unknown.getMessage());
        assertEquals("stored input is not JSON", notJson.getMessage());
    }
}
