package io.narrative.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.config.PhrasesConfig;
import io.narrative.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;

/** Phrase learning on Spark against a plain count-and-rank of the same sentences, written out here. */
class PhrasesTest {
    private static SentenceRecord sentence(String lang, List<String> terms, Set<Integer> gapsBefore) {
        SentenceRecord s = new SentenceRecord();
        s.setDocId("d");
        s.setLang(lang);
        s.setText(String.join(" ", terms));
        for (int i = 0; i < terms.size(); i++) {
            s.getTerms().add(terms.get(i));
            s.getSurfaces().add(terms.get(i));
            s.getGaps().add(gapsBefore.contains(i));
        }
        return s;
    }

    /** Sentences of random words from a small vocabulary, with some fixed collocations and some gaps. */
    private static List<SentenceRecord> corpus() {
        Random random = new Random(11);
        String[][] vocabulary = {
            {"bank", "rate", "oil", "price", "talks", "army", "court", "deal", "vote", "port", "gas", "wheat"},
            {"банк", "нефть", "цена", "армия", "суд", "сделка", "газ", "порт", "выборы", "пшеница"}};
        String[][][] collocations = {
            {{"united", "states"}, {"nagorno", "karabakh"}, {"prime", "minister"}, {"central", "bank"},
                {"new", "york", "times"}},
            {{"соединенные", "штаты"}, {"премьер", "министр"}, {"центральный", "банк"}}};
        String[] langs = {"en", "ru"};
        List<SentenceRecord> sentences = new ArrayList<>();
        for (int n = 0; n < 400; n++) {
            int l = n % 2;
            List<String> terms = new ArrayList<>();
            Set<Integer> gaps = new HashSet<>();
            int length = 4 + random.nextInt(8);
            while (terms.size() < length) {
                if (random.nextInt(4) == 0) {
                    String[] collocation = collocations[l][random.nextInt(collocations[l].length)];
                    terms.addAll(List.of(collocation));
                    if (random.nextInt(10) == 0) {
                        gaps.add(terms.size() - 1);
                    }
                } else {
                    terms.add(vocabulary[l][random.nextInt(vocabulary[l].length)]);
                }
            }
            sentences.add(sentence(langs[l], terms, gaps));
        }
        return sentences;
    }

    /** The rule of Phrases' documentation, computed directly. */
    private static Map<String, Set<String>> reference(List<SentenceRecord> sentences, PhrasesConfig config) {
        Map<String, Map<String, Long>> unigrams = new TreeMap<>();
        Map<String, Map<String, Long>> bigrams = new TreeMap<>();
        for (SentenceRecord s : sentences) {
            for (int i = 0; i < s.getTerms().size(); i++) {
                unigrams.computeIfAbsent(s.getLang(), k -> new HashMap<>()).merge(s.getTerms().get(i), 1L, Long::sum);
                if (i > 0 && !s.getGaps().get(i)) {
                    bigrams.computeIfAbsent(s.getLang(), k -> new HashMap<>())
                            .merge(s.getTerms().get(i - 1) + " " + s.getTerms().get(i), 1L, Long::sum);
                }
            }
        }
        Map<String, Set<String>> phrases = new HashMap<>();
        bigrams.forEach((lang, pairs) -> {
            Map<String, Long> counts = unigrams.get(lang);
            double total = counts.values().stream().mapToLong(Long::longValue).sum();
            List<Object[]> passing = new ArrayList<>();
            pairs.forEach((pair, nab) -> {
                String[] ab = pair.split(" ");
                double pab = nab / total;
                double npmi = Math.log(pab / ((counts.get(ab[0]) / total) * (counts.get(ab[1]) / total)))
                        / -Math.log(pab);
                if (nab >= config.getMinCount() && nab < total && npmi >= config.getThreshold()) {
                    passing.add(new Object[] {npmi, ab[0], ab[1]});
                }
            });
            passing.sort(Comparator.<Object[]>comparingDouble(o -> -(double) o[0])
                    .thenComparing(o -> (String) o[1]).thenComparing(o -> (String) o[2]));
            Set<String> kept = new HashSet<>();
            for (Object[] o : passing.subList(0, Math.min(passing.size(), config.getMaxPhrases()))) {
                kept.add(o[1] + " " + o[2]);
            }
            if (!kept.isEmpty()) {
                phrases.put(lang, kept);
            }
        });
        return phrases;
    }

    private static Dataset<SentenceRecord> dataset(List<SentenceRecord> sentences) {
        return SparkTestSession.get().createDataset(sentences, Encoders.bean(SentenceRecord.class)).repartition(3);
    }

    @Test
    void learn_equalsTheDirectCountAndRank_perLanguage() {
        PhrasesConfig config = new PhrasesConfig();
        config.setMinCount(3);
        config.setThreshold(0.2);
        List<SentenceRecord> sentences = corpus();
        Map<String, PhraseSet> learned = Phrases.learn(dataset(sentences), List.of(), config);
        assertEquals(reference(sentences, config), learned);
        assertTrue(learned.get("en").contains("nagorno karabakh"), learned.toString());
        assertTrue(learned.get("ru").contains("премьер министр"), learned.toString());
    }

    @Test
    void learn_keepsTheBestMaxPhrases_tiesByTheTerms() {
        PhrasesConfig config = new PhrasesConfig();
        config.setMinCount(2);
        config.setThreshold(0.0);
        config.setMaxPhrases(3);
        List<SentenceRecord> sentences = corpus();
        Map<String, PhraseSet> learned = Phrases.learn(dataset(sentences), List.of(), config);
        assertEquals(reference(sentences, config), learned);
        assertEquals(3, learned.get("en").size());
    }

    @Test
    void learn_secondPass_countsTheFirstPassPhrasesAsTerms() {
        PhrasesConfig config = new PhrasesConfig();
        config.setMinCount(3);
        config.setThreshold(0.2);
        List<SentenceRecord> sentences = corpus();
        Map<String, PhraseSet> first = Phrases.learn(dataset(sentences), List.of(), config);
        Map<String, PhraseSet> second = Phrases.learn(dataset(sentences), List.of(first), config);
        List<SentenceRecord> merged = new ArrayList<>();
        for (SentenceRecord s : corpus()) {
            merged.add(Phrases.mergeAll(s, List.of(first)));
        }
        assertEquals(reference(merged, config), second);
        assertTrue(second.get("en").contains("new_york times"), second.toString());
    }
}
