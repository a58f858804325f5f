package io.narrative.tokenize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import io.narrative.core.config.PhrasesConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Learns and applies multi-word terms. A pair of adjacent terms (no dropped word between them) of one
 * language becomes a phrase when it occurs at least {@code min_count} times and its normalised PMI,
 * {@code ln(p(ab) / (p(a) p(b))) / -ln(p(ab))}, reaches {@code threshold}. Only counts travel to the
 * driver, and only the phrases found (at most {@code max_phrases} per language) come back.
 */
final class Phrases {
    static final String JOINER = "_";
    private static final char SEP = '\u0001';

    private Phrases() {
    }

    /**
     * Phrase pairs per language, as "first second" keys, learned from the sentences after the phrases of
     * earlier passes ({@code earlier}, applied on the fly) have been joined.
     */
    static Map<String, Set<String>> learn(Dataset<SentenceRecord> sentences, List<Map<String, Set<String>>> earlier,
            PhrasesConfig config) {
        Dataset<Row> counts = sentences.flatMap(termsAndPairs(earlier), Encoders.STRING())
                .groupBy("value").count()
                .selectExpr("split(value, '\u0001')[0] as lang", "split(value, '\u0001')[1] as first",
                        "coalesce(try_element_at(split(value, '\u0001'), 3), '') as second", "count as n");
        Dataset<Row> unigrams = counts.filter(col("second").equalTo("")).select("lang", "first", "n");
        Dataset<Row> totals = unigrams.groupBy("lang").agg(sum("n").as("total"));
        Dataset<Row> bigrams = counts.filter(col("second").notEqual("").and(col("n").geq(config.getMinCount())))
                .select(col("lang"), col("first").as("a"), col("second").as("b"), col("n").as("n_ab"));
        Column pab = col("n_ab").divide(col("total"));
        Column npmi = log(pab.divide(col("n_a").divide(col("total")).multiply(col("n_b").divide(col("total")))))
                .divide(log(pab).multiply(-1));
        List<Row> rows = bigrams
                .join(unigrams.toDF("lang", "a", "n_a"), new String[] {"lang", "a"})
                .join(unigrams.toDF("lang", "b", "n_b"), new String[] {"lang", "b"})
                .join(broadcast(totals), new String[] {"lang"})
                .filter(col("n_ab").lt(col("total")))
                .withColumn("npmi", npmi)
                .filter(col("npmi").geq(config.getThreshold()))
                .withColumn("rank", row_number().over(Window.partitionBy("lang").orderBy(col("npmi").desc(),
                        col("a"), col("b"))))
                .filter(col("rank").leq(config.getMaxPhrases()))
                .select("lang", "a", "b")
                .collectAsList();
        Map<String, Set<String>> phrases = new HashMap<>();
        for (Row row : rows) {
            phrases.computeIfAbsent(row.getString(0), k -> new HashSet<>()).add(row.getString(1) + " " + row.getString(2));
        }
        return phrases;
    }

    /**
     * Every term and every adjacent pair as "lang\u0001a[\u0001b]" keys. Spark's partial aggregation
     * counts them before the shuffle and spills when a partition has more distinct keys than memory (a
     * hash map per partition did not, on 31k Arabic articles).
     */
    private static FlatMapFunction<SentenceRecord, String> termsAndPairs(List<Map<String, Set<String>>> earlier) {
        return sentence -> {
            SentenceRecord s = mergeAll(sentence, earlier);
            List<String> terms = s.getTerms();
            List<String> keys = new ArrayList<>(2 * terms.size());
            for (int i = 0; i < terms.size(); i++) {
                keys.add(s.getLang() + SEP + terms.get(i));
                if (i > 0 && !s.getGaps().get(i)) {
                    keys.add(s.getLang() + SEP + terms.get(i - 1) + SEP + terms.get(i));
                }
            }
            return keys.iterator();
        };
    }

    /** Applies the phrases of every pass, in order. */
    static SentenceRecord mergeAll(SentenceRecord sentence, List<Map<String, Set<String>>> passes) {
        SentenceRecord merged = sentence;
        for (Map<String, Set<String>> pass : passes) {
            merged = merge(merged, pass.get(merged.getLang()));
        }
        return merged;
    }

    /** Joins learned pairs left to right: "united states" becomes one term "united_states". */
    static SentenceRecord merge(SentenceRecord sentence, Set<String> phrases) {
        if (phrases == null || phrases.isEmpty() || sentence.getTerms().size() < 2) {
            return sentence;
        }
        List<String> terms = new ArrayList<>();
        List<String> surfaces = new ArrayList<>();
        List<Boolean> gaps = new ArrayList<>();
        List<String> in = sentence.getTerms();
        int i = 0;
        while (i < in.size()) {
            if (i + 1 < in.size() && !sentence.getGaps().get(i + 1) && phrases.contains(in.get(i) + " " + in.get(i + 1))) {
                terms.add(in.get(i) + JOINER + in.get(i + 1));
                surfaces.add(sentence.getSurfaces().get(i) + " " + sentence.getSurfaces().get(i + 1));
                gaps.add(sentence.getGaps().get(i));
                i += 2;
            } else {
                terms.add(in.get(i));
                surfaces.add(sentence.getSurfaces().get(i));
                gaps.add(sentence.getGaps().get(i));
                i++;
            }
        }
        sentence.setTerms(terms);
        sentence.setSurfaces(surfaces);
        sentence.setGaps(gaps);
        return sentence;
    }
}
