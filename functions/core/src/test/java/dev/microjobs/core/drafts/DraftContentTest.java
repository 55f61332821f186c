package dev.microjobs.core.drafts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.microjobs.core.domain.JobType;
import org.junit.jupiter.api.Test;

class DraftContentTest {

    @Test
    void readsAJsonArrayOfTaglinesEvenFencedOrWrappedInAnObject() {
        var expected = DraftFixtures.json("[\"Fuel the climb.\", \"Real food, real trails.\"]");

        assertEquals(expected, DraftContent.fromModelText(JobType.TAGLINE, "[\"Fuel the climb.\", \"Real food, real trails.\"]"));
        assertEquals(expected, DraftContent.fromModelText(JobType.TAGLINE,
                "```json\n[\"Fuel the climb.\", \"Real food, real trails.\"]\n```"));
        assertEquals(expected, DraftContent.fromModelText(JobType.TAGLINE,
                "{\"taglines\": [\"Fuel the climb.\", \"Real food, real trails.\"]}"));
    }

    @Test
    void keepsTextThatIsNotTheExpectedJsonAsText() {
        assertEquals(TextNode.valueOf("1. Fuel the climb.\n2. Real food."),
                DraftContent.fromModelText(JobType.TAGLINE, "1. Fuel the climb.\n2. Real food."));
        assertEquals(TextNode.valueOf("{\"total\":"),
                DraftContent.fromModelText(JobType.DATA_ENTRY, "{\"total\": "));
        assertEquals(TextNode.valueOf("[\"a\"]"), DraftContent.fromModelText(JobType.DATA_ENTRY, "[\"a\"]"));
    }

    @Test
    void readsADataEntryObjectAndKeepsProseAsText() {
        assertEquals(DraftFixtures.json("{\"total\": \"1309.00 EUR\"}"),
                DraftContent.fromModelText(JobType.DATA_ENTRY, "  {\"total\": \"1309.00 EUR\"}\n"));
        assertEquals(TextNode.valueOf("[1] is cited."), DraftContent.fromModelText(JobType.SUMMARY, "[1] is cited."));
    }

    @Test
    void anEmptyDraftIsAPermanentFailure() {
        DraftProviderException empty = assertThrows(DraftProviderException.class,
                () -> DraftContent.fromModelText(JobType.SUMMARY, " \n"));

        assertFalse(empty.retryable());
        assertEquals("the model returned an empty draft", empty.getMessage());
    }

    @Test
    void takesAWebhooksJsonDraftAsGivenAndReadsAStringOne() {
        assertEquals(DraftFixtures.json("{\"total\": \"5.00 USD\"}"),
                DraftContent.fromJson(JobType.DATA_ENTRY, DraftFixtures.json("{\"total\": \"5.00 USD\"}")));
        assertEquals(DraftFixtures.json("[\"a\", \"b\"]"),
                DraftContent.fromJson(JobType.TAGLINE, TextNode.valueOf("[\"a\", \"b\"]")));
        assertThrows(DraftProviderException.class,
                () -> DraftContent.fromJson(JobType.TAGLINE, DraftFixtures.json("null")));
    }
}
