package io.narrative.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextCleanerTest {

    @Test
    void paragraphs_decomposedAccents_areComposedToNfc() {
        String decomposed = "Erdog\u0306an visited Ankara";
        assertEquals(List.of("Erdoğan visited Ankara"), TextCleaner.paragraphs(decomposed));
    }

    @Test
    void paragraphs_controlAndZeroWidthCharacters_areRemoved() {
        assertEquals(List.of("Moscow said"), TextCleaner.paragraphs("Mos\u0000cow\u200B sa\u0007id"));
    }

    @Test
    void paragraphs_oneLinePerParagraph_keepsEachLineAndCollapsesSpaces() {
        assertEquals(List.of("Russia is urging Trump.", "The Kremlin is finding it tough."),
                TextCleaner.paragraphs("  Russia   is urging\tTrump.\r\nThe Kremlin is finding it tough.\n\n\n"));
    }

    @Test
    void paragraphs_hardWrappedNewswire_joinsLinesAndSplitsAtIndent() {
        String wire = String.join("\n",
                "Showers continued throughout the week in the Bahia cocoa zone,",
                "alleviating the drought since early January and improving",
                "prospects for the coming temporao, although normal humidity",
                "levels have not been restored, Comissaria Smith said in its",
                "weekly review of the cocoa market and the state of the crop.",
                "    The dry period means the temporao will be late this year,",
                "but arrivals for the week ended February 22 were good enough.");
        List<String> paragraphs = TextCleaner.paragraphs(wire);
        assertEquals(2, paragraphs.size());
        assertEquals("Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since"
                + " early January and improving prospects for the coming temporao, although normal humidity levels"
                + " have not been restored, Comissaria Smith said in its weekly review of the cocoa market and the"
                + " state of the crop.", paragraphs.get(0));
        assertEquals("The dry period means the temporao will be late this year, but arrivals for the week ended"
                + " February 22 were good enough.", paragraphs.get(1));
    }

    @Test
    void paragraphs_onlyWhitespace_givesNoParagraph() {
        assertEquals(List.of(), TextCleaner.paragraphs(" \n\t\u00A0\n"));
    }

    @Test
    void singleLine_blank_isNull() {
        assertNull(TextCleaner.singleLine("  \u200B "));
        assertEquals("Why Lavrov flew to Aliyev?", TextCleaner.singleLine(" Why  Lavrov\nflew to Aliyev? "));
    }
}
