package dev.microjobs.core.drafts.offline;

import static dev.microjobs.core.drafts.offline.OfflineSamples.FAQ;
import static dev.microjobs.core.drafts.offline.OfflineSamples.INVOICE_EMAIL;
import static dev.microjobs.core.drafts.offline.OfflineSamples.PRODUCT_BRIEF;
import static dev.microjobs.core.drafts.offline.OfflineSamples.REPORT;
import static dev.microjobs.core.drafts.offline.OfflineSamples.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.domain.JobType;
import dev.microjobs.core.drafts.DraftFixtures;
import dev.microjobs.core.drafts.DraftProviderException;
import dev.microjobs.core.drafts.DraftResult;
import dev.microjobs.core.drafts.UnsupportedDraftException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OfflineDraftProviderTest {

    private final OfflineDraftProvider offline = new OfflineDraftProvider();

    private JsonNode draft(JobType type, JsonNode input) {
        DraftResult result = offline.draft(DraftFixtures.request(DraftFixtures.job(type), input));
        assertEquals(null, result.model(), "offline drafts have no model");
        return result.content();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Nested
    class Taglines {

        @Test
        void buildsDistinctShortLinesFromTheBriefsKeyPhrases() {
            List<String> taglines = strings(draft(JobType.TAGLINE, input("brief", PRODUCT_BRIEF, "brand", "TrailFuel")));

            assertEquals(5, taglines.size(), "five by default: " + taglines);
            assertEquals(5, new HashSet<>(taglines).size(), "distinct: " + taglines);
            taglines.forEach(line -> assertTrue(line.split(" ").length <= 10, "short: " + line));
            String all = String.join(" | ", taglines).toLowerCase(Locale.ROOT);
            assertTrue(all.contains("energy bar"), "names the product: " + taglines);
            assertTrue(all.contains("trail runners") || all.contains("long-distance hikers"),
                    "names the audience: " + taglines);
            assertTrue(all.contains("trailfuel"), "uses the brand: " + taglines);
        }

        @Test
        void keepsANegatedSellingPointNegated() {
            List<String> phrases = KeyPhrases.of(PRODUCT_BRIEF, 6);

            assertTrue(phrases.contains("no added sugar"), phrases.toString());
            assertFalse(phrases.contains("added sugar"), phrases.toString());
        }

        @Test
        void followsCountAndTone() {
            List<String> taglines = strings(draft(JobType.TAGLINE,
                    input("brief", PRODUCT_BRIEF, "brand", "TrailFuel", "tone", "bold and energetic", "count", "7")));

            assertEquals(7, taglines.size(), taglines.toString());
            assertEquals("Built for trail runners.", taglines.get(0), "a bold pattern leads: " + taglines);
        }

        @Test
        void isDeterministic() {
            JsonNode input = input("brief", PRODUCT_BRIEF, "tone", "friendly");

            assertEquals(draft(JobType.TAGLINE, input), draft(JobType.TAGLINE, input));
        }

        @Test
        void needsABrief() {
            DraftProviderException missing = assertThrows(DraftProviderException.class,
                    () -> draft(JobType.TAGLINE, input("brand", "TrailFuel")));

            assertFalse(missing.retryable());
            assertTrue(missing.getMessage().contains("brief"), missing.getMessage());
        }
    }

    @Nested
    class Summaries {

        @Test
        void keepsTheLeadingFindingsWithinTheWordLimit() {
            String summary = draft(JobType.SUMMARY, input("text", REPORT, "maxWords", "60")).asText();

            assertTrue(summary.split("\\s+").length <= 60, summary);
            assertTrue(summary.startsWith("Ticket volume rose 18%"), "the lead finding comes first: " + summary);
            assertFalse(summary.contains("Quarterly customer support report"), "not the bare heading: " + summary);
        }

        @Test
        void cutsASingleOverlongSentenceRatherThanReturnNothing() {
            String summary = draft(JobType.SUMMARY, input("text", REPORT, "maxWords", "8")).asText();

            assertEquals(8, summary.split("\\s+").length, summary);
            assertTrue(summary.endsWith("…"), summary);
        }

        @Test
        void outlinesATwoMinuteVideoScript() {
            String script = draft(JobType.SUMMARY, input("text", REPORT, "format", "video-script")).asText();

            assertTrue(script.startsWith("HOOK (0:00-0:15)\n- Ticket volume rose 18%"), script);
            assertTrue(script.contains("SECTION 1 (0:15-0:50)"), script);
            assertTrue(script.contains("SECTION 3 (1:25-1:50)"), script);
            assertTrue(script.contains("CALL TO ACTION (1:50-2:00)\n- We recommend rewriting the proration articles"),
                    "the recommendation is the call to action: " + script);
        }
    }

    @Nested
    class Answers {

        private String answer(String question) {
            return draft(JobType.CHATBOT_QA, input("question", question, "text", FAQ)).asText();
        }

        @Test
        void answersFromTheMatchingFaqEntry() {
            String answer = answer("How long until I get my refund?");

            assertTrue(answer.contains("Refunds reach your card within 5 business days"), answer);
            assertFalse(answer.startsWith("A:"), "the FAQ's markers are dropped: " + answer);
        }

        @Test
        void prefersTheEntryThatIsMostAboutTheQuestion() {
            assertEquals("We ship to Canada, the UK and the EU. International orders may owe import duties on arrival.",
                    answer("Do you ship to Germany?"));
            assertEquals("Go to Account settings, choose Security, and click Change password.",
                    answer("how do I reset my password"));
        }

        @Test
        void saysPlainlyWhenTheTextDoesNotAnswer() {
            String answer = answer("Is there a student discount?");

            assertTrue(answer.startsWith("The reference text does not answer this question"), answer);
        }

        @Test
        void answersFromPlainProseToo() {
            String answer = draft(JobType.CHATBOT_QA,
                    input("question", "What was customer satisfaction?", "text", REPORT)).asText();

            assertEquals("Customer satisfaction held steady at 91%, although satisfaction on billing tickets fell to 84%.",
                    answer);
        }
    }

    @Nested
    class DataEntry {

        @Test
        void fillsTheDefaultFieldsFromAnInvoiceEmail() {
            JsonNode record = draft(JobType.DATA_ENTRY, input("text", INVOICE_EMAIL));

            assertEquals(DraftFixtures.json("""
                    {"date": "2026-03-03", "total": "1309.00 EUR", "email": "billing@nordwerk-tools.de",
                     "phone": "+49 221 555 0142", "invoice_number": "INV-2026-0412", "order_number": "58231",
                     "name": "Lena Fischer", "company": "Nordwerk Tools GmbH"}"""), record);
        }

        @Test
        void fillsRequestedFieldsByLabelOrByContext() {
            ObjectNode input = input("text", INVOICE_EMAIL);
            input.putArray("fields").add("invoiceDate").add("due_date").add("order_date").add("subtotal").add("vat")
                    .add("vendor").add("currency").add("iban_checksum");

            JsonNode record = draft(JobType.DATA_ENTRY, input);

            assertEquals("2026-03-03", record.get("invoiceDate").asText(), "dotted dates are day first");
            assertEquals("2026-04-02", record.get("due_date").asText(), "by its label");
            assertEquals("2026-02-12", record.get("order_date").asText(), "by the words before it");
            assertEquals("1100.00 EUR", record.get("subtotal").asText(), "European separators");
            assertEquals("209.00 EUR", record.get("vat").asText());
            assertEquals("Nordwerk Tools GmbH", record.get("vendor").asText());
            assertEquals("EUR", record.get("currency").asText());
            assertTrue(record.get("iban_checksum").isNull(), "a field not found is null");
        }

        @Test
        void readsUsFormatsAndAFieldListGivenAsText() {
            String order = """
                    Order confirmation - ACME Outdoor Supply Inc.
                    Order number: SO-88121
                    Placed on 03/14/2026, ships by March 18th, 2026.
                    Total charged: $2,349.50
                    Questions? Call (415) 555-0199 or email orders@acme-outdoor.example
                    Thanks,
                    Dana Whitfield""";

            JsonNode record = draft(JobType.DATA_ENTRY,
                    input("text", order, "fields", "order_number, date, ship_date, total, phone, company, name"));

            assertEquals("SO-88121", record.get("order_number").asText());
            assertEquals("2026-03-14", record.get("date").asText());
            assertEquals("2026-03-18", record.get("ship_date").asText());
            assertEquals("2349.50 USD", record.get("total").asText());
            assertEquals("(415) 555-0199", record.get("phone").asText());
            assertEquals("ACME Outdoor Supply Inc.", record.get("company").asText());
            assertEquals("Dana Whitfield", record.get("name").asText());
        }
    }

    @Test
    void hasNoDraftForMediaOrFreeFormPrompts() {
        for (JobType type : List.of(JobType.IMAGE_TAGGING, JobType.TRANSCRIPTION, JobType.CUSTOM)) {
            UnsupportedDraftException unsupported = assertThrows(UnsupportedDraftException.class,
                    () -> draft(type, input("url", "https://cdn.example/clip-17.mp3")));
            assertFalse(unsupported.retryable());
        }
        var customWithPrompt = DraftFixtures.job(JobType.CUSTOM, DraftProviderName.OFFLINE, "Rewrite {{text}} politely");
        UnsupportedDraftException unsupported = assertThrows(UnsupportedDraftException.class,
                () -> offline.draft(DraftFixtures.request(customWithPrompt, input("text", "send it now"))));
        assertTrue(unsupported.getMessage().contains("cannot run prompts"), unsupported.getMessage());
    }
}
