package dev.microjobs.core.drafts.offline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.drafts.DraftFixtures;

/** Realistic inputs for the offline drafts. */
final class OfflineSamples {

    static final String PRODUCT_BRIEF = """
            TrailFuel is a plant-based energy bar made for trail runners and long-distance hikers. Each bar \
            packs 12 grams of protein from organic almonds and dates, with no added sugar and nothing \
            artificial. Trail runners told us they want real food that does not crumble in a pocket or melt \
            on a hot climb, so the bar stays firm from 0 to 35 degrees. We are launching three flavours \
            (salted cacao, wild blueberry and peanut crunch) in outdoor shops this spring. The energy bar \
            should feel like it was made by people who actually run trails, not by a lab.""";

    static final String REPORT = """
            Quarterly customer support report, Q3 2026

            Ticket volume rose 18% over the quarter to 42,300 tickets, driven mostly by the new billing \
            system that launched in July. Billing questions made up 37% of all tickets, up from 21% in Q2.

            Median first response time improved from 4.2 hours to 2.6 hours after we added weekend shifts. \
            Customer satisfaction held steady at 91%, although satisfaction on billing tickets fell to 84%.

            The self-service help centre deflected an estimated 9,800 tickets. Articles about invoices and \
            refunds were the most viewed. Two articles on proration were rated unhelpful by most readers.

            We recommend rewriting the proration articles, adding an in-app explanation of the new invoices, \
            and keeping weekend shifts through Q4. We will review billing ticket volume again in November.""";

    static final String FAQ = """
            Q: How long does shipping take?
            A: Orders ship within one business day. Standard delivery takes 3 to 5 business days in the \
            continental US; express delivery takes 1 to 2 days.

            Q: Can I return an item?
            A: Yes. You can return unused items within 30 days of delivery for a full refund. Start a return \
            from the Orders page; we email a prepaid label. Refunds reach your card within 5 business days \
            after we receive the item.

            Q: Do you ship internationally?
            A: We ship to Canada, the UK and the EU. International orders may owe import duties on arrival.

            Q: How do I change my password?
            A: Go to Account settings, choose Security, and click Change password.""";

    static final String INVOICE_EMAIL = """
            From: Lena Fischer <billing@nordwerk-tools.de>
            To: accounts@trailfuel.example
            Subject: Invoice INV-2026-0412 for order #58231

            Dear Mr. Okafor,

            please find attached our invoice for your order #58231 of 12 February 2026.

            Invoice No.: INV-2026-0412
            Invoice date: 03.03.2026
            Due date: April 2, 2026
            Subtotal: 1.100,00 €
            VAT (19%): 209,00 €
            Total due: 1.309,00 €

            Please transfer the total to our account at Sparkasse Köln (IBAN DE44 3705 0198 0000 1234 56).
            For questions call +49 221 555 0142 or write to billing@nordwerk-tools.de.

            Kind regards,
            Lena Fischer
            Nordwerk Tools GmbH""";

    private OfflineSamples() {
    }

    static ObjectNode input(String... fieldsAndValues) {
        ObjectNode input = DraftFixtures.JSON.createObjectNode();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            input.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return input;
    }
}
