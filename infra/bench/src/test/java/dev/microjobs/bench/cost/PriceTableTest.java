package dev.microjobs.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.microjobs.bench.e2e.Percentiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    /** Prices do not depend on how long requests took. */
    private static final Percentiles NOT_TIMED = Percentiles.of(List.of());
    private static final Usage MILLION_OF_EACH = new Usage(
            List.of(new Usage.Operation("dynamodb", "PutItem", 1_000_000, 1_000_000, 0, 0, 0, 1_000_000, NOT_TIMED),
                    new Usage.Operation("dynamodb", "GetItem", 1_000_000, 1_000_000, 0, 0, 1_000_000, 0, NOT_TIMED),
                    new Usage.Operation("sqs", "SendMessage", 1_000_000, 1_000_000, 0, 0, 0, 0, NOT_TIMED)),
            List.of(new Usage.Function("IntakeFunction", 1024, 1_000_000, 1_000_000_000L)),
            List.of(), List.of(), 1_000_000, new WriteCost.Units(0, 0));

    @Test
    void pricesAMillionOfEachAtListPrice() {
        Map<String, Double> dollars = PriceTable.US_EAST_1.price(MILLION_OF_EACH);

        assertEquals(0.625 + 0.125, dollars.get("dynamoDb"), 1e-9);
        assertEquals(0.40, dollars.get("sqs"), 1e-9);
        // a million GB-s plus a million requests
        assertEquals(13.3334 + 0.20, dollars.get("lambda"), 1e-9);
        assertEquals(1.00, dollars.get("apiGateway"), 1e-9);
    }

    @Test
    void reportsPerThousandTasksBesideMechanicalTurk() {
        CostReport.Figures figures = CostReport.figures(MILLION_OF_EACH, PriceTable.US_EAST_1, 1_000_000, 0.25, 1);

        assertEquals((0.75 + 0.40 + 13.5334 + 1.00) / 1000, figures.usdPer1000Tasks(), 1e-9);
        assertEquals(50.0, figures.mturkFeeUsdPer1000Tasks(), 1e-9);
    }
}
