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

    /** Phrase pairs per language, as "first second" keys. */
    static Map<String, Set<String>> learn(Dataset<SentenceRecord> sentences, PhrasesConfig config) {
        Dataset<Row> unigrams = sentences.flatMap((FlatMapFunction<SentenceRecord, String>) s -> {
            List<String> keys = new ArrayList<>(s.getTerms().size());
            s.getTerms().forEach(t -> keys.add(s.getLang() + SEP + t));
            return keys.iterator();
        }, Encoders.STRING()).groupBy("value").count()
                .selectExpr("split(value, '\u0001')[0] as lang", "split(value, '\u0001')[1] as term", "count");
        Dataset<Row> totals = unigrams.groupBy("lang").agg(sum("count").as("n"));
        Dataset<Row> bigrams = sentences.flatMap((FlatMapFunction<SentenceRecord, String>) s -> {
            List<String> keys = new ArrayList<>();
            for (int i = 1; i < s.getTerms().size(); i++) {
                if (!s.getGaps().get(i)) {
                    keys.add(s.getLang() + SEP + s.getTerms().get(i - 1) + SEP + s.getTerms().get(i));
                }
            }
            return keys.iterator();
        }, Encoders.STRING()).groupBy("value").count()
                .filter(col("count").geq(config.getMinCount()))
                .selectExpr("split(value, '\u0001')[0] as lang", "split(value, '\u0001')[1] as a",
                        "split(value, '\u0001')[2] as b", "count as n_ab");
        Column pab = col("n_ab").divide(col("n"));
        Column npmi = log(pab.divide(col("n_a").divide(col("n")).multiply(col("n_b").divide(col("n")))))
                .divide(log(pab).multiply(-1));
        List<Row> rows = bigrams
                .join(unigrams.toDF("lang", "a", "n_a"), new String[] {"lang", "a"})
                .join(unigrams.toDF("lang", "b", "n_b"), new String[] {"lang", "b"})
                .join(broadcast(totals), new String[] {"lang"})
                .filter(col("n_ab").lt(col("n")))
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
