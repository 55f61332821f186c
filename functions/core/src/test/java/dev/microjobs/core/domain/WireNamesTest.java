package dev.microjobs.core.domain;

import static dev.microjobs.core.domain.Fixtures.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WireNamesTest {

    @Test
    void jobTypesHaveKebabCaseWireNames() {
        assertEquals(List.of("tagline", "summary", "image-tagging", "transcription", "chatbot-qa", "data-entry",
                "custom"), List.of(JobType.values()).stream().map(JobType::wireName).toList());
        assertEquals(Optional.of(JobType.IMAGE_TAGGING), JobType.fromWireName("image-tagging"));
        assertTrue(JobType.fromWireName("IMAGE_TAGGING").isEmpty());
        assertTrue(JobType.fromWireName(null).isEmpty());
    }

    @Test
    void draftProvidersAndUsesHaveLowerCaseWireNames() {
        for (DraftProviderName provider : DraftProviderName.values()) {
            assertEquals(provider.name().toLowerCase(), provider.wireName());
            assertEquals(Optional.of(provider), DraftProviderName.fromWireName(provider.wireName()));
        }
        for (DraftUse use : DraftUse.values()) {
            assertEquals(use.name().toLowerCase(), use.wireName());
            assertEquals(Optional.of(use), DraftUse.fromWireName(use.wireName()));
        }
        assertTrue(DraftProviderName.fromWireName("gpt").isEmpty());
    }

    @Test
    void jacksonWritesAndReadsTheWireNames() throws Exception {
        assertEquals("\"chatbot-qa\"", JSON.writeValueAsString(JobType.CHATBOT_QA));
        assertEquals(JobType.DATA_ENTRY, JSON.readValue("\"data-entry\"", JobType.class));
        assertEquals(DraftUse.EDITED, JSON.readValue("\"edited\"", DraftUse.class));
    }
}
