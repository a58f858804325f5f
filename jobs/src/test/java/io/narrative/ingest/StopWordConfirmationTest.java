package io.narrative.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.config.IngestConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StopWordConfirmationTest {
    static final String ENGLISH = "The government said on Monday that it would not change its plans for the new budget,"
            + " and that the talks with the unions were going well for both sides.";
    static final String FRENCH = "Le gouvernement a déclaré lundi qu'il ne changerait pas ses projets pour le nouveau"
            + " budget et que les discussions avec les syndicats se passaient bien pour les deux parties.";
    static final String GERMAN = "Die Regierung sagte am Montag, dass sie ihre Pläne für den neuen Haushalt nicht ändern"
            + " werde und dass die Gespräche mit den Gewerkschaften für beide Seiten gut verliefen.";
    static final String PORTUGUESE = "O governo disse na segunda-feira que não mudaria os seus planos para o novo"
            + " orçamento e que as conversas com os sindicatos estavam a correr bem para os dois lados.";

    private final IngestConfig config = new IngestConfig();
    private final StopWordConfirmation confirmation = new StopWordConfirmation(configured());

    private Set<String> configured() {
        Set<String> all = new LinkedHashSet<>(config.getLanguages());
        all.addAll(config.getOtherLanguages());
        return all;
    }

    @Test
    void confirms_aParagraphInTheLanguageAsked() {
        assertTrue(confirmation.confirms(ENGLISH, "en"));
        assertTrue(confirmation.confirms(FRENCH, "fr"));
        assertTrue(confirmation.confirms(GERMAN, "de"));
    }

    @Test
    void closeLanguagesSharingManyStopWords_areLeftToLingua() {
        assertFalse(confirmation.confirms(PORTUGUESE, "pt"), "Spanish's list holds half its stop words");
        assertFalse(confirmation.confirms(PORTUGUESE, "es"));
    }

    @Test
    void doesNotConfirm_anotherLanguageSharingSomeStopWords() {
        for (String text : List.of(FRENCH, GERMAN, PORTUGUESE)) {
            assertFalse(confirmation.confirms(text, "en"), text);
        }
        assertFalse(confirmation.confirms(ENGLISH, "fr"));
    }

    @Test
    void doesNotConfirm_languagesWithoutAListOrTooFewStopWords() {
        assertFalse(confirmation.confirms(ENGLISH, "az"), "Lucene has no Azerbaijani list");
        assertFalse(confirmation.confirms("Moscow and Ankara", "en"), "one stop word");
    }

    @Test
    void identify_frenchParagraphInsideAnEnglishDocument_isStillFoundByLingua() {
        LanguageIdentifier identifier = new LanguageIdentifier(config.getLanguages(), config.getOtherLanguages(),
                config.getLanguageMinLetters());
        assertEquals(List.of("en", "other", "en", "other"),
                identifier.identify(List.of(ENGLISH, FRENCH, ENGLISH.replace("Monday", "Friday"), GERMAN))
                        .paragraphLangs());
    }
}
