package dev.microjobs.core.drafts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.Job;
import dev.microjobs.core.domain.JobType;
import org.junit.jupiter.api.Test;

class PromptTemplatesTest {

    private final Job taglines = DraftFixtures.job(JobType.TAGLINE);

    @Test
    void fillsTheJobTheInputFieldsAndNestedFields() {
        String prompt = PromptTemplates.fill("{{title}}: {{ instructions }} For {{brand}} ({{customer.segment}}).",
                taglines, DraftFixtures.json("{\"brand\": \"TrailFuel\", \"customer\": {\"segment\": \"runners\"}}"));

        assertEquals("Taglines for TrailFuel: Short and punchy, no puns. For TrailFuel (runners).", prompt);
    }

    @Test
    void rendersNonStringValuesAsJson() {
        String prompt = PromptTemplates.fill("{{count}} {{fields}} {{urgent}} {{meta}}", taglines,
                DraftFixtures.json("{\"count\": 3, \"fields\": [\"date\", \"total\"], \"urgent\": true, \"meta\": {\"a\": null}}"));

        assertEquals("3 [\"date\",\"total\"] true {\"a\":null}", prompt);
    }

    @Test
    void usesTheFallbackForAMissingFieldAndLeavesUnknownPlaceholdersVisible() {
        String prompt = PromptTemplates.fill("Write {{count|5}} lines about {{product}}.", taglines,
                DraftFixtures.json("{}"));

        assertEquals("Write 5 lines about {{product}}.", prompt);
    }

    @Test
    void insertsValuesLiterallyEvenWithRegexSpecialCharacters() {
        String prompt = PromptTemplates.fill("Price: {{price}}", taglines, DraftFixtures.json("{\"price\": \"$5 \\\\ {{x}}\"}"));

        assertEquals("Price: $5 \\ {{x}}", prompt);
    }

    @Test
    void theDefaultTaglinePromptSaysTheJobTheInputAndTheOutputShape() {
        String prompt = PromptTemplates.prompt(taglines,
                DraftFixtures.json("{\"brief\": \"A plant-based energy bar\", \"brand\": \"TrailFuel\", \"count\": 3}"));

        assertTrue(prompt.contains("\"Taglines for TrailFuel\""), prompt);
        assertTrue(prompt.contains("Instructions from the business: Short and punchy, no puns."), prompt);
        assertTrue(prompt.contains("\"brief\" : \"A plant-based energy bar\""), "the input, as JSON: " + prompt);
        assertTrue(prompt.contains("Return only a JSON array of 3 strings"), prompt);
        assertFalse(prompt.contains("{{"), "no placeholder left: " + prompt);
    }

    @Test
    void everyTypeHasADefaultThatFillsCompletelyFromATypicalInput() {
        for (JobType type : JobType.values()) {
            Job job = DraftFixtures.job(type);
            String prompt = PromptTemplates.prompt(job,
                    DraftFixtures.json("{\"text\": \"Some text.\", \"question\": \"Why?\", \"url\": \"https://x.example/a.png\"}"));
            assertFalse(prompt.contains("{{"), type + ": " + prompt);
            assertTrue(prompt.contains("Short and punchy, no puns."), type + " says the instructions");
        }
        assertTrue(PromptTemplates.defaultTemplate(JobType.DATA_ENTRY)
                .contains("[\"date\",\"total\",\"email\",\"phone\",\"invoice_number\",\"order_number\",\"name\",\"company\"]"));
    }

    @Test
    void aJobsOwnTemplateReplacesTheDefault() {
        Job job = DraftFixtures.job(JobType.CUSTOM, DraftProviderName.OPENAI, "Translate into French: {{text}}");

        assertEquals("Translate into French: Good morning", PromptTemplates.prompt(job,
                DraftFixtures.json("{\"text\": \"Good morning\"}")));
    }
}
