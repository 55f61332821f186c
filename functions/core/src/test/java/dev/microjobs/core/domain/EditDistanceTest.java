package dev.microjobs.core.domain;

import static dev.microjobs.core.domain.Fixtures.json;
import static dev.microjobs.core.domain.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EditDistanceTest {

    private static final double EXACT = 1e-12;

    @ParameterizedTest(name = "''{0}'' -> ''{1}'' = {2}/{3}")
    @CsvSource(delimiter = '|', textBlock = """
            kitten                              | sitting                              | 3  | 7
            Acme: it just works                 | Acme: it just works.                 | 1  | 20
            Acme: it just works                 | Acme - it simply works               | 8  | 22
            Fresh coffee, every morning         | Fresh coffee every morning!          | 2  | 27
            Call us at 555-0100                 | Call us at 555-0199                  | 2  | 19
            The meeting is on Tuesday           | The meeting is on Thursday           | 2  | 26
            abc                                 | xyz                                  | 3  | 3
            """)
    void measuresRealisticEdits(String draft, String output, int edits, int longer) {
        assertEquals((double) edits / longer, EditDistance.ratio(draft, output), EXACT);
    }

    @Test
    void identicalTextIsZeroAndNothingSharedIsOne() {
        assertEquals(0.0, EditDistance.ratio("same words", "same words"));
        assertEquals(0.0, EditDistance.ratio("", ""));
        assertEquals(1.0, EditDistance.ratio("", "written from scratch"));
        assertEquals(1.0, EditDistance.ratio("an unused draft", ""));
    }

    @Test
    void isSymmetric() {
        assertEquals(EditDistance.ratio("summary of the report", "a report summary"),
                EditDistance.ratio("a report summary", "summary of the report"), EXACT);
    }

    @Test
    void countsCodePointsNotUtf16Units() {
        assertEquals(1.0 / 6, EditDistance.ratio("Nice 👍", "Nice 👎"), EXACT);
        assertEquals(1.0 / 4, EditDistance.ratio("cafe", "café"), EXACT);
    }

    @Test
    void comparesTextNodesAsTextAndStructuredJsonAsJson() {
        assertEquals(1.0 / 7, EditDistance.ratio(text("kitten"), text("kittens")), EXACT);
        String draft = "{\"tags\":[\"cat\",\"sofa\"]}";
        String output = "{\"tags\":[\"cat\",\"sofa\",\"lamp\"]}";
        assertEquals(7.0 / output.length(), EditDistance.ratio(json(draft), json(output)), EXACT);
    }

    @Test
    void onlyTheFirst20000CodePointsAreCompared() {
        String common = "lorem ipsum ".repeat(2_000).substring(0, EditDistance.MAX_COMPARED_CODE_POINTS);

        assertEquals(0.0, EditDistance.ratio(common + "draft tail", common + "a very different tail"));
    }
}
