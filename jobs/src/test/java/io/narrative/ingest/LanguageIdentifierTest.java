package io.narrative.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.config.IngestConfig;
import io.narrative.testing.ProjectFiles;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageIdentifierTest {
    private final IngestConfig config = new IngestConfig();
    private final LanguageIdentifier identifier = new LanguageIdentifier(config.getLanguages(),
            config.getOtherLanguages(), config.getLanguageMinLetters());

    @Test
    void detect_fourAnalysedLanguages() {
        assertEquals("en", identifier.detect("Russia is ready to work with the United States in Libya, Gatilov said."));
        assertEquals("ar", identifier.detect("قال وزير الخارجية الروسي إن موسكو مستعدة للتعاون مع واشنطن في ليبيا"));
        assertEquals("ru", identifier.detect("Россия готова работать с США в Ливии, заявил замминистра Гатилов."));
        assertEquals("tr", identifier.detect("Türkiye'nin dışişleri bakanı Rusya ile görüşmelerin süreceğini söyledi."));
    }

    @Test
    void detect_languageOutsideTheAnalysedSet_isOther() {
        assertEquals("other", identifier.detect("Le ministre russe des affaires étrangères a rencontré son homologue."));
    }

    @Test
    void identify_shortEnglishParagraphInEnglishDocument_keepsDocumentLanguage() {
        LanguageIdentifier.Result result = identifier.identify(List.of(
                "Russian President Vladimir Putin met the leaders of Armenia, Belarus, Kazakhstan, Kyrgyzstan and"
                        + " Tajikistan in Moscow to discuss cooperation within the Collective Security Treaty.",
                "Thank you for your attention."));
        assertEquals(List.of("en", "en"), result.paragraphLangs());
        assertEquals(1.0, result.shares().get("en"));
    }

    @Test
    void identify_sampleTranscriptWithArabicParagraphs_recordsBothLanguages() throws Exception {
        String text = Files.readString(ProjectFiles.resolve("data/sample/003_7a22b968b225deec.txt"));
        LanguageIdentifier.Result result = identifier.identify(TextCleaner.paragraphs(text));
        assertEquals("en", result.dominant());
        assertTrue(result.shares().getOrDefault("ar", 0.0) > 0.01, result.shares().toString());
        assertTrue(result.paragraphLangs().contains("ar"));
    }

    @Test
    void sample_longText_cutAtASpaceWithinTheLimit() {
        String text = "Moscow said the talks would go on. ".repeat(100);
        String sample = LanguageIdentifier.sample(text);
        assertTrue(sample.length() <= LanguageIdentifier.SAMPLE_CHARS, "length " + sample.length());
        assertTrue(sample.length() > LanguageIdentifier.SAMPLE_CHARS - 40, "length " + sample.length());
        assertTrue(text.startsWith(sample) && text.charAt(sample.length()) == ' ', sample);
    }

    @Test
    void sample_oneLongWord_cutAtTheLimit() {
        String text = "x".repeat(5 * LanguageIdentifier.SAMPLE_CHARS);
        assertEquals(LanguageIdentifier.SAMPLE_CHARS, LanguageIdentifier.sample(text).length());
    }

    @Test
    void identify_longParagraphs_detectedFromTheirOpening() {
        String russian = "Россия готова работать с США в Ливии, заявил замминистра иностранных дел Гатилов. ".repeat(40);
        String english = "Russia is ready to work with the United States in Libya, the deputy minister said. ".repeat(40);
        assertEquals(List.of("ru", "en"), identifier.identify(List.of(russian, english)).paragraphLangs());
    }

    private static final String ARABIC = "قال وزير الخارجية الروسي إن موسكو مستعدة للتعاون مع واشنطن في ليبيا، وأضاف أن المحادثات"
            + " ستستمر الأسبوع المقبل في العاصمة التركية.";
    private static final String PERSIAN = "همه افراد بشر آزاد به دنیا می‌آیند و از لحاظ حیثیت و حقوق با هم برابرند. همه"
            + " دارای عقل و وجدان هستند و باید نسبت به یکدیگر با روح برادری رفتار کنند.";
    private static final String URDU = "تمام انسان آزاد اور حقوق و عزت کے اعتبار سے برابر پیدا ہوئے ہیں۔ انہیں ضمیر اور عقل"
            + " ودیعت ہوئی ہے۔";
    private static final String RUSSIAN = "Россия готова работать с США в Ливии, заявил замминистра иностранных дел.";
    private static final String UKRAINIAN = "Україна готова працювати з партнерами, заявив міністр закордонних справ.";

    @Test
    void scriptShortcut_arabicLettersOnlyWithTaMarbuta_settleArabic_persianAndUrduGoToLingua() {
        ScriptShortcut shortcut = new ScriptShortcut(java.util.Set.of("en", "ar", "ru", "tr", "fa", "ur", "uk"));
        assertEquals("ar", shortcut.settle(ARABIC));
        assertEquals("ar", shortcut.settle(ARABIC + " (NATO)"), "a few Latin letters do not count against it");
        assertNull(shortcut.settle(PERSIAN));
        assertNull(shortcut.settle(URDU));
        assertEquals("other", identifier.detect(PERSIAN));
        assertEquals("other", identifier.detect(URDU));
    }

    @Test
    void scriptShortcut_russianNeedsItsOwnAlphabetAndYeryOrE_ukrainianGoesToLingua() {
        ScriptShortcut shortcut = new ScriptShortcut(java.util.Set.of("en", "ar", "ru", "tr", "fa", "ur", "uk"));
        assertEquals("ru", shortcut.settle(RUSSIAN));
        assertNull(shortcut.settle(UKRAINIAN), "і and є are not Russian letters");
        assertNull(shortcut.settle("Москва и Анкара"), "no ы or э: Bulgarian or Serbian could write it too");
        assertEquals("other", identifier.detect(UKRAINIAN));
    }

    @Test
    void scriptShortcut_theOnlyConfiguredLanguageOfAScript_isSettledByTheScriptAlone() {
        ScriptShortcut onlyRussian = new ScriptShortcut(java.util.Set.of("en", "ru", "fr"));
        assertEquals("ru", onlyRussian.settle(UKRAINIAN));
        assertEquals("ru", onlyRussian.settle("Москва и Анкара"));
        assertNull(onlyRussian.settle("Moscow and Ankara"), "two Latin-script languages: Lingua decides");
        assertEquals("en", new ScriptShortcut(java.util.Set.of("en", "ar")).settle("Moscow and Ankara"));
        assertNull(onlyRussian.settle("Москва and Ankara, Moscow and Анкара"), "no script holds 95% of the letters");
    }

    @Test
    void identify_tableOfFigures_isOther_notAGuessFromAbbreviations() {
        LanguageIdentifier.Result result = identifier.identify(
                List.of("Shr one cts vs two cts", "Net 50,000 vs 58,000", "Revs 467,000 vs 760,000"));
        assertEquals("other", result.dominant());
        assertEquals(List.of("other", "other", "other"), result.paragraphLangs());
        assertEquals(java.util.Map.of("other", 1.0), result.shares());
    }

    @Test
    void identify_shortSentenceOfWords_isStillJudged() {
        assertEquals("en", identifier.identify(List.of("The central bank kept interest rates unchanged on Thursday."))
                .dominant());
        assertEquals("tr", identifier.identify(List.of("Merkez bankası faiz oranlarını perşembe günü değiştirmedi."))
                .dominant());
    }

    @Test
    void wordLetters_countsOnlyRunsOfFourLettersOrMore() {
        assertEquals(0, LanguageIdentifier.wordLetters("Shr 23 cts vs 18 cts"));
        assertEquals(4 + 6, LanguageIdentifier.wordLetters("Revs 467,000 profit"));
    }
}
