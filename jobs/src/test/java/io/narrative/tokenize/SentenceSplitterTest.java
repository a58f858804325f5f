package io.narrative.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
    private static List<String> sentences(String lang, String text) {
        return new SentenceSplitter(lang).split(text).stream().map(s -> text.substring(s.start(), s.end())).toList();
    }

    @Test
    void sentences_usAbbreviation_notSplit() {
        assertEquals(List.of("Russia is ready to work with the U.S. in Libya, Gatilov said."),
                sentences("en", "Russia is ready to work with the U.S. in Libya, Gatilov said."));
    }

    @Test
    void sentences_titlesAndNumbers_notSplit() {
        assertEquals(List.of("Mr. Putin met Gen. Haftar in Moscow.", "It was meeting No. 1 of the year."),
                sentences("en", "Mr. Putin met Gen. Haftar in Moscow. It was meeting No. 1 of the year."));
    }

    @Test
    void sentences_initialsAndDecimals_notSplit() {
        assertEquals(List.of("J. R. Smith said growth was 3.5 percent.", "Prices rose."),
                sentences("en", "J. R. Smith said growth was 3.5 percent. Prices rose."));
    }

    @Test
    void sentences_questionAndExclamation_split_closingQuoteStays() {
        assertEquals(List.of("\"Why Lavrov flew to Aliyev?\"", "Nobody knows!", "Really."),
                sentences("en", "\"Why Lavrov flew to Aliyev?\" Nobody knows! Really."));
    }

    @Test
    void sentences_arabicQuestionMarkAndSemicolon_split() {
        assertEquals(List.of("هل تتدخل روسيا في ليبيا؟", "قال المسؤول إن موسكو مستعدة؛", "وأضاف أن الحوار مستمر."),
                sentences("ar", "هل تتدخل روسيا في ليبيا؟ قال المسؤول إن موسكو مستعدة؛ وأضاف أن الحوار مستمر."));
    }

    @Test
    void sentences_russianYearAbbreviation_notSplit() {
        assertEquals(List.of("В 2019 г. Россия вышла из договора.", "США тоже."),
                sentences("ru", "В 2019 г. Россия вышла из договора. США тоже."));
    }

    @Test
    void split_offsetsPointIntoTheWholeText() {
        String text = "Title\n\nFirst one. Second one.";
        List<SentenceSplitter.Span> spans = new SentenceSplitter("en").split(text, 7, text.length());
        assertEquals("First one.", text.substring(spans.get(0).start(), spans.get(0).end()));
        assertEquals("Second one.", text.substring(spans.get(1).start(), spans.get(1).end()));
    }
}
