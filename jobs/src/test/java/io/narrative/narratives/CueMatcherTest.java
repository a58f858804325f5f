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
    void anArabicCueWritingTheArticle_needsIt_andOneWithoutItTakesBoth() {
        CueMatcher cues = new CueMatcher(List.of("الغرب", "عقوبات"));
        assertTrue(cues.matches("وقال إن الغرب يتحمل المسؤولية"));
        assertTrue(cues.matches("وجه انتقادات للغرب وحلفائه"), "ل + ال is written لل");
        assertTrue(cues.matches("علاقات إيران بالغرب"), "ب + ال");
        assertTrue(cues.matches("والغرب يراقب"), "و + ال");
        assertFalse(cues.matches("وقع الحادث غرب الرياض"), "bare غرب is a direction, not the West");
        assertFalse(cues.matches("في شمال غرب البلاد"));
        assertTrue(cues.matches("فرضت عقوبات جديدة"), "without the article");
        assertTrue(cues.matches("رفع العقوبات عن إيران"), "a cue without the article also takes it");
    }

    @Test
    void anExceptionStartingBeforeTheCue_makesThatOccurrenceNoCue() {
        CueMatcher cues = new CueMatcher(List.of("الغربي*", "اوروبا"),
                List.of("الضفه الغربيه", "الشمال الغربي", "ابطال اوروبا"));
        assertFalse(cues.matches("اقتحمت القوات مدنا في الضفة الغربية"), "the West Bank");
        assertFalse(cues.matches("وصل إلى بالضفة الغربية أمس"), "with a proclitic on the first word");
        assertFalse(cues.matches("تقع المدينة في الشمال الغربي للبلاد"));
        assertFalse(cues.matches("فاز الفريق بدوري أبطال أوروبا"), "the Champions League");
        assertTrue(cues.matches("انتقدت الدول الغربية القرار"), "Western countries");
        assertTrue(cues.matches("تراجعت الأسهم في أوروبا"));
        assertTrue(cues.matches("في الضفة الغربية وفي الدول الغربية"), "the second الغربية is a cue");
    }

    @Test
    void turkishDottedAndDotlessI_foldTogether() {
        CueMatcher cues = new CueMatcher(List.of("Batı", "İstanbul"));
        assertTrue(cues.matches("BATI ülkeleri toplandı."));
        assertTrue(cues.matches("ISTANBUL'da toplantı yapıldı."));
    }
}
