package io.narrative.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
