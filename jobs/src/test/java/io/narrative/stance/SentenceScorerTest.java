package io.narrative.stance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.config.StanceConfig;
import io.narrative.stance.lexicon.StanceResources;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class SentenceScorerTest {
    private static final StanceConfig CONFIG = new StanceConfig();
    private static final SentenceScorer SCORER = new SentenceScorer(
            StanceResources.load(CONFIG, new Configuration()), CONFIG);

    private static Map<String, Double> scores(String lang, String text) {
        return SCORER.score(lang, text).stream().collect(Collectors.toMap(TargetStance::target, TargetStance::score));
    }

    private static List<String> aliases(String lang, String text) {
        return SCORER.score(lang, text).stream().flatMap(s -> s.mentions().stream()).map(MentionSpan::alias)
                .sorted().toList();
    }

    @Test
    void mentions_usInCapitals_matchesButPronounUsDoesNot() {
        assertEquals(List.of("US"), aliases("en", "Let us hope the US keeps its word."));
    }

    @Test
    void mentions_abbreviationWithDots_matchedWhole() {
        List<MentionSpan> m = SCORER.score("en", "Russia is ready to work with the U.S. in Libya.").stream()
                .flatMap(s -> s.mentions().stream()).toList();
        assertEquals(List.of("Russia", "U.S."), m.stream().map(MentionSpan::alias).sorted().toList());
        MentionSpan us = m.stream().filter(x -> x.alias().equals("U.S.")).findFirst().orElseThrow();
        assertEquals(33, us.charStart());
        assertEquals(37, us.charEnd());
    }

    @Test
    void mentions_washingtonPostAndRussianLanguage_areNotMentions() {
        assertEquals(List.of(), aliases("en", "The Washington Post interviewed him in Russian."));
    }

    @Test
    void mentions_theStateOfWashingtonAndLanguageNames_areNotTheCountries() {
        assertEquals(List.of(), aliases("en", "Washington state officials and the Washington State Patrol agreed."));
        assertEquals(List.of("Washington"), aliases("en", "Washington imposed new tariffs."));
        assertEquals(List.of(), aliases("ar", "نشرت الصحيفة المقال باللغة التركية واللغة الروسية."));
        assertEquals(List.of(), aliases("ru", "Книга вышла на турецком языке."));
        assertEquals(List.of("Турецкие"), aliases("ru", "Турецкие власти закрыли пролив."));
    }

    @Test
    void mentions_russianLegalCodeAbbreviation_isNotRussia_butRfAloneIs() {
        assertEquals(List.of(), aliases("ru", "Его обвинили по статье 159 УК РФ."));
        assertEquals(List.of("РФ"), aliases("ru", "РФ ввела ответные меры."));
    }

    @Test
    void mentions_aliasInsideACompanyName_isNotTheCountry() {
        assertEquals(List.of(), aliases("en", "American Financial Corp said its profit rose."));
        assertEquals(List.of(), aliases("en", "U.S. Shoe Corp. and Volkswagen of America Inc. agreed on prices."));
        assertEquals(List.of(), aliases("en", "AMERICAN BRANDS INC SEES HIGHER EARNINGS"));
    }

    @Test
    void mentions_institutionsOfTheState_andCountryBeforeACompany_stayMentions() {
        assertEquals(List.of("U.S."), aliases("en", "The U.S. Commerce Department said exports rose."));
        assertEquals(List.of("American"), aliases("en", "American officials met General Motors Corp executives."));
        assertEquals(List.of("U.S."), aliases("en", "The U.S. sued Exxon Corp over the spill."));
        assertEquals(List.of("U.S."), aliases("en", "The bill helps U.S. industries compete."));
    }

    @Test
    void mentions_turkeyTheBird_isNotTurkey() {
        assertEquals(List.of(), aliases("en", "We roasted a turkey for dinner."));
        assertEquals(List.of("Turkey"), aliases("en", "Turkey closed the border."));
    }

    @Test
    void mentions_russianCases_matched() {
        assertEquals(List.of("России", "Россию", "США"),
                aliases("ru", "США ввели санкции против России, чтобы ослабить Россию."));
    }

    @Test
    void mentions_turkishApostropheSuffix_matched() {
        assertEquals(List.of("ABD", "Rusya'nın"), aliases("tr", "ABD, Rusya'nın tutumunu eleştirdi."));
    }

    @Test
    void mentions_arabicProclitics_matched() {
        assertEquals(List.of("الكرملين", "وروسيا", "وواشنطن"),
                aliases("ar", "وقالت وروسيا وواشنطن إن الكرملين مستعد."));
    }

    @Test
    void mentions_arabicPersonalNameTurki_isNotTurkey() {
        assertEquals(List.of(), aliases("ar", "التقى الأمير تركي الفيصل بالوفد."));
    }

    @Test
    void stance_targetActingBadly_isAgainstIt() {
        assertTrue(scores("en", "Washington is sabotaging the talks.").get("united_states") < -0.1);
    }

    @Test
    void stance_sanctionsAgainstTarget_portrayItAsVictim() {
        Map<String, Double> s = scores("en", "The new sanctions against Russia were announced.");
        assertTrue(s.get("russia") > 0.1, s.toString());
    }

    @Test
    void stance_actorAndVictim_getOppositeSigns() {
        Map<String, Double> s = scores("en", "Turkey attacked Russia.");
        assertTrue(s.get("turkey") < 0 && s.get("russia") > 0, s.toString());
    }

    @Test
    void stance_passiveVoice_makesTheSubjectTheVictim() {
        assertTrue(scores("en", "Russia was attacked.").get("russia") > 0);
    }

    @Test
    void stance_negatedSupport_countsAgainst() {
        double negated = scores("en", "Turkey did not support the plan.").get("turkey");
        double plain = scores("en", "Turkey supported the plan.").get("turkey");
        assertTrue(plain > 0 && negated < 0, plain + " " + negated);
    }

    @Test
    void stance_cueAttachedToNearestTarget_only() {
        Map<String, Double> s = scores("en", "Russian aggression worries observers, and Turkish mediation helps.");
        assertTrue(s.get("russia") < 0 && s.get("turkey") > 0, s.toString());
    }

    @Test
    void stance_condemnationByTarget_doesNotCountAgainstIt() {
        TargetStance turkey = SCORER.score("en", "Turkey condemned the decision.").get(0);
        assertEquals(0.0, turkey.score());
    }

    @Test
    void stance_russianPressureOnMoscow_isFavourableToRussia() {
        assertTrue(scores("ru", "Запад усиливает давление на Россию.").get("russia") > 0);
    }

    @Test
    void stance_russianGenitiveAfterCue_isTheActor() {
        assertTrue(scores("ru", "Эксперты обсуждали агрессию России.").get("russia") < 0);
    }

    @Test
    void stance_turkishDativeSuffix_marksTheVictim() {
        Map<String, Double> s = scores("tr", "ABD Rusya'ya yaptırım uyguladı.");
        assertTrue(s.get("russia") > 0 && s.get("united_states") < 0, s.toString());
    }

    @Test
    void stance_arabicAggressionOfRussia_isAgainstRussia() {
        assertTrue(scores("ar", "العدوان الروسي مستمر.").get("russia") < 0);
    }

    @Test
    void stance_arabicPreposition_marksTheVictim() {
        assertTrue(scores("ar", "فرضت واشنطن عقوبات على روسيا.").get("russia") > 0);
    }

    @Test
    void evidence_namesTheCueAndRole() {
        TargetStance s = SCORER.score("en", "Washington is sabotaging the talks.").get(0);
        assertEquals("sabotaging", s.evidence().get(0).getCue());
        assertEquals("agent", s.evidence().get(0).getRole());
        assertTrue(s.evidence().get(0).getWeight() < 0);
    }

    @Test
    void scoreSpan_goldMention_scoredEvenWithoutAlias() {
        String text = "Critics say Smith failed badly.";
        TargetStance s = SCORER.scoreSpan("en", text, 12, 17);
        assertEquals(SentenceScorer.GOLD_TARGET, s.target());
        assertTrue(s.score() < 0);
    }
}
