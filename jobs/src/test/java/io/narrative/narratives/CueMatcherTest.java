package io.narrative.narratives;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CueMatcherTest {
    @Test
    void aPlainCue_matchesTheWholeWordInAnyCaseOnly() {
        CueMatcher cues = new CueMatcher(List.of("NATO", "West"));
        assertTrue(cues.matches("Leaders of nato met on Friday."));
        assertTrue(cues.matches("The WEST responded."));
        assertFalse(cues.matches("The convoy moved westward."), "West is not a prefix cue");
        assertFalse(cues.matches("Nothing to see here."));
    }

    @Test
    void aStarredCue_matchesInflectedForms() {
        CueMatcher cues = new CueMatcher(List.of("Украин*"));
        assertTrue(cues.matches("Помощь Украине выросла."));
        assertTrue(cues.matches("Армия Украины отступила."));
        assertFalse(cues.matches("Армия Польши отступила."));
    }

    @Test
    void aCueOfSeveralWords_matchesThemInARow() {
        CueMatcher cues = new CueMatcher(List.of("World War", "حرب عالميه"));
        assertTrue(cues.matches("Fears of a third world war grew."));
        assertFalse(cues.matches("The world feared a new war."), "both words, but not in a row");
        assertTrue(cues.matches("يخشى كثيرون اندلاع حرب عالمية ثالثة"), "ta marbuta unified");
    }

    @Test
    void arabicCues_matchWithProcliticsArticleAndHamzaVariants() {
        CueMatcher cues = new CueMatcher(List.of("الناتو", "اوكرانيا"));
        assertTrue(cues.matches("وقال إن توسع حلف وللناتو أثار القلق"), "و + ل + ال");
        assertTrue(cues.matches("وصلت المساعدات إلى أوكرانيا أمس"), "hamza on the alef");
        assertTrue(cues.matches("الحرب في بأوكرانيا"), "ب proclitic");
        assertFalse(cues.matches("ارتفعت أسعار النفط اليوم"));
    }

    @Test
    void anExceptionStartingAtTheCue_makesThatOccurrenceNoCue() {
        CueMatcher cues = new CueMatcher(List.of("West", "ядерн* войн*"), List.of("West German*", "West Bank"));
        assertFalse(cues.matches("West German bonds fell."));
        assertFalse(cues.matches("Settlers in the West Bank protested."));
        assertTrue(cues.matches("West German officials blamed the West."), "the second West is a cue");
        assertTrue(cues.matches("Угроза ядерной войны растёт."), "a prefix on every word of a phrase");
        assertFalse(cues.matches("Ядерный реактор остановлен на войну."), "not in a row");
    }

    @Test
    void turkishDottedAndDotlessI_foldTogether() {
        CueMatcher cues = new CueMatcher(List.of("Batı", "İstanbul"));
        assertTrue(cues.matches("BATI ülkeleri toplandı."));
        assertTrue(cues.matches("ISTANBUL'da toplantı yapıldı."));
    }
}
