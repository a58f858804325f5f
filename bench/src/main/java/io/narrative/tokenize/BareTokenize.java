package io.narrative.tokenize;

import io.narrative.core.config.PhrasesConfig;
import io.narrative.core.config.TokenizeConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokenize's per-document work without Spark: the stage's own sentence splitting and analysis
 * ({@link DocumentTokenizer}), phrase counting with the stage's rule (in plain hash maps here) and phrase
 * application ({@link Phrases#mergeAll}), in one thread over documents in memory, each step timed. Lives in
 * the stage's package (in the benchmark module) to call its package-private steps.
 */
public final class BareTokenize {
    /** One document in memory. */
    public record Document(String docId, String text, List<String> paragraphLangs) {
    }

    /** Step name of phrase learning: corpus-level counting, outside the per-document work (a). */
    public static final String LEARN = "learn phrases";

    /** Seconds per step and the terms produced (after phrases). */
    public record Timings(Map<String, Double> seconds, long sentences, long terms) {
        /** Sentence splitting, analysis and phrase application: the per-document work. */
        public double perDocumentSeconds() {
            return seconds.entrySet().stream().filter(e -> !e.getKey().startsWith(LEARN))
                    .mapToDouble(Map.Entry::getValue).sum();
        }
    }

    private BareTokenize() {
    }

    public static Timings run(List<Document> documents, TokenizeConfig config) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long start = System.nanoTime();
        DocumentTokenizer tokenizer = new DocumentTokenizer(config);
        Map<String, SentenceSplitter> splitters = new ConcurrentHashMap<>();
        Map<String, TermExtractor> extractors = new ConcurrentHashMap<>();
        List<SentenceRecord> sentences = new ArrayList<>();
        for (Document document : documents) {
            sentences.addAll(tokenizer.tokenize(document.docId(), document.text(), document.paragraphLangs(),
                    splitters, extractors));
        }
        seconds.put("split sentences + analyse", elapsed(start));

        List<Map<String, PhraseSet>> passes = new ArrayList<>();
        if (config.getPhrases().isEnabled()) {
            start = System.nanoTime();
            for (int pass = 0; pass < config.getPhrases().getPasses(); pass++) {
                Map<String, PhraseSet> learned = learn(sentences, passes, config.getPhrases());
                if (learned.isEmpty()) {
                    break;
                }
                passes.add(learned);
            }
            seconds.put(LEARN + " (" + passes.size() + " passes)", elapsed(start));
        }
        start = System.nanoTime();
        long terms = 0;
        for (SentenceRecord sentence : sentences) {
            terms += Phrases.mergeAll(sentence, passes).getTerms().size();
        }
        seconds.put("apply phrases", elapsed(start));
        return new Timings(seconds, sentences.size(), terms);
    }

    /** The stage's phrase rule (Phrases' documentation) with plain maps of "a b" keys. */
    private static Map<String, PhraseSet> learn(List<SentenceRecord> sentences,
            List<Map<String, PhraseSet>> earlier, PhrasesConfig config) {
        Map<String, Map<String, long[]>> unigrams = new HashMap<>();
        Map<String, Map<String, long[]>> bigrams = new HashMap<>();
        for (SentenceRecord original : sentences) {
            SentenceRecord s = Phrases.mergeAll(copy(original), earlier);
            Map<String, long[]> uni = unigrams.computeIfAbsent(s.getLang(), k -> new HashMap<>());
            Map<String, long[]> bi = bigrams.computeIfAbsent(s.getLang(), k -> new HashMap<>());
            List<String> terms = s.getTerms();
            for (int i = 0; i < terms.size(); i++) {
                uni.computeIfAbsent(terms.get(i), k -> new long[1])[0]++;
                if (i > 0 && !s.getGaps().get(i)) {
                    bi.computeIfAbsent(terms.get(i - 1) + " " + terms.get(i), k -> new long[1])[0]++;
                }
            }
        }
        Map<String, PhraseSet> phrases = new HashMap<>();
        bigrams.forEach((lang, pairs) -> {
            Map<String, long[]> counts = unigrams.get(lang);
            double total = counts.values().stream().mapToLong(c -> c[0]).sum();
            List<Object[]> passing = new ArrayList<>();
            pairs.forEach((pair, nab) -> {
                if (nab[0] < config.getMinCount() || nab[0] >= total) {
                    return;
                }
                int space = pair.indexOf(' ');
                double pab = nab[0] / total;
                double npmi = Math.log(pab / (counts.get(pair.substring(0, space))[0] / total
                        * (counts.get(pair.substring(space + 1))[0] / total))) / -Math.log(pab);
                if (npmi >= config.getThreshold()) {
                    passing.add(new Object[] {npmi, pair});
                }
            });
            passing.sort(Comparator.<Object[]>comparingDouble(o -> -(double) o[0]).thenComparing(o -> (String) o[1]));
            PhraseSet kept = new PhraseSet();
            for (Object[] o : passing.subList(0, Math.min(passing.size(), config.getMaxPhrases()))) {
                String pair = (String) o[1];
                int space = pair.indexOf(' ');
                kept.add(pair.substring(0, space), pair.substring(space + 1));
            }
            if (!kept.isEmpty()) {
                phrases.put(lang, kept);
            }
        });
        return phrases;
    }

    /** Phrases.merge replaces a sentence's lists; counting works on a copy so the originals stay unmerged. */
    private static SentenceRecord copy(SentenceRecord s) {
        SentenceRecord c = new SentenceRecord();
        c.setLang(s.getLang());
        c.setTerms(s.getTerms());
        c.setSurfaces(s.getSurfaces());
        c.setGaps(s.getGaps());
        return c;
    }

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
