package io.narrative.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Fixed input and output per language, through the analyzers the stage uses. */
class AnalyzersTest {
    private static List<String> terms(String lang, String text) {
        return new TermExtractor(Analyzers.forLanguage(lang, List.of("said")), 2, true)
                .tokens(text, 0, text.length()).stream().map(Token::term).toList();
    }

    @Test
    void tokenize_turkishApostrophe_dropsSuffix() {
        assertEquals(terms("tr", "Türkiye"), terms("tr", "Türkiye'nin"));
        assertEquals(terms("tr", "Rusya"), terms("tr", "Rusya’nın"));
    }

    @Test
    void tokenize_turkishDottedCapitalI_lowercasesTheTurkishWay() {
        assertEquals(List.of("istanbul"), terms("tr", "İstanbul"));
        assertEquals(List.of("ırak"), terms("tr", "IRAK"));
    }

    @Test
    void arabic_alefVariants_normalised() {
        List<String> plain = terms("ar", "احمد");
        assertEquals(plain, terms("ar", "أحمد"));
        assertEquals(plain, terms("ar", "إحمد"));
        assertEquals(plain, terms("ar", "آحمد"));
    }

    @Test
    void arabic_definiteArticleAndTehMarbuta_stemmedTogether() {
        assertEquals(terms("ar", "روسيا"), terms("ar", "وروسيا"));
        assertEquals(terms("ar", "حكومه"), terms("ar", "الحكومة"));
    }

    @Test
    void russian_countryCases_shareOneStem() {
        List<String> nominative = terms("ru", "Россия");
        assertEquals(1, nominative.size());
        for (String form : List.of("России", "Россию", "Россией")) {
            assertEquals(nominative, terms("ru", form), form);
        }
    }

    @Test
    void english_possessiveAndPlural_shareOneStem() {
        assertEquals(terms("en", "Russia"), terms("en", "Russia's"));
        assertEquals(terms("en", "sanction"), terms("en", "sanctions"));
    }

    @Test
    void english_dottedAcronym_keptWhole() {
        assertEquals(List.of("u.s", "role"), terms("en", "the U.S. role"));
    }

    @Test
    void english_stopWordsAndConfiguredExtras_dropped() {
        assertEquals(List.of("kremlin", "deni"), terms("en", "He said that the Kremlin has denied it"));
    }

    @Test
    void numbers_dropped_andMarkedAsGap() {
        List<Token> tokens = new TermExtractor(Analyzers.forLanguage("en", List.of()), 2, true)
                .tokens("missiles 2019 treaty", 0, 20);
        assertEquals(List.of("missil", "treati"), tokens.stream().map(Token::term).toList());
        assertTrue(tokens.get(1).gapBefore(), "a dropped number breaks phrase adjacency");
    }

    @Test
    void otherLanguage_foldsCaseAndAccents() {
        assertEquals(List.of("ministre", "etrangeres"), terms("fr", "Ministre étrangères"));
    }
}
