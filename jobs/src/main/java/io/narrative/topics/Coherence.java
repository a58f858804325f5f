package io.narrative.topics;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * NPMI coherence of topics over document co-occurrence in the corpus they came from: for each pair of a
 * topic's top words, {@code ln(P(a,b) / (P(a) P(b))) / -ln(P(a,b))}, with P the share of units that
 * contain the words and -1 for a pair that never co-occurs; a topic's coherence is the mean over its
 * pairs. Only the top words' single and pair counts leave the executors.
 */
public final class Coherence {
    private Coherence() {
    }

    /** Unit counts of single words and pairs ("a" and "a\u0001b", a before b) among {@code words}. */
    public record Counts(long units, Map<String, Long> counts) {
        long of(String a) {
            return counts.getOrDefault(a, 0L);
        }

        long of(String a, String b) {
            return counts.getOrDefault(a.compareTo(b) < 0 ? a + '\u0001' + b : b + '\u0001' + a, 0L);
        }
    }

    /** Counts over {@code units} (a column {@code terms} of array&lt;string&gt;). */
    public static Counts count(Dataset<Row> units, Set<String> words) {
        Set<String> wanted = new HashSet<>(words);
        long n = units.count();
        Map<String, Long> counts = new HashMap<>();
        List<Row> rows = units.select(col("terms")).flatMap((FlatMapFunction<Row, String>) row -> {
            List<String> present = new ArrayList<>(new java.util.TreeSet<>(
                    row.<String>getList(0).stream().filter(wanted::contains).toList()));
            List<String> keys = new ArrayList<>(present);
            for (int i = 0; i < present.size(); i++) {
                for (int j = i + 1; j < present.size(); j++) {
                    keys.add(present.get(i) + '\u0001' + present.get(j));
                }
            }
            return keys.iterator();
        }, Encoders.STRING()).groupBy("value").count().collectAsList();
        rows.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
        return new Counts(n, counts);
    }

    /** Mean NPMI over the pairs of {@code topWords}. */
    public static double npmi(List<String> topWords, Counts counts) {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < topWords.size(); i++) {
            for (int j = i + 1; j < topWords.size(); j++) {
                sum += npmi(counts.of(topWords.get(i)), counts.of(topWords.get(j)),
                        counts.of(topWords.get(i), topWords.get(j)), counts.units());
                pairs++;
            }
        }
        return pairs == 0 ? 0.0 : sum / pairs;
    }

    static double npmi(long a, long b, long ab, long units) {
        if (ab == 0 || units == 0) {
            return -1.0;
        }
        double pab = (double) ab / units;
        if (pab >= 1.0) {
            return 1.0;
        }
        double pmi = Math.log(pab / (((double) a / units) * ((double) b / units)));
        return pmi / -Math.log(pab);
    }

    /** Share of distinct words among all topics' top words (1 = no word shared by two topics). */
    public static double diversity(List<List<String>> topWords) {
        Set<String> unique = new HashSet<>();
        int total = 0;
        for (List<String> words : topWords) {
            unique.addAll(words);
            total += words.size();
        }
        return total == 0 ? 0.0 : (double) unique.size() / total;
    }
}
